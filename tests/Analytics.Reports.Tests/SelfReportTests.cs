using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.SelfReport;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Analytics.Reports.Tests;

/// <summary>
/// 自评报告草稿 of the fixture's 松江区 2024 towns: the .docx is opened with OpenXml and every score, section total and input
/// value in it is checked against the scorer's own result for the year; headings carry outline levels and fonts are Chinese.
/// </summary>
[Collection(BriefingCollection.Name)]
public sealed class SelfReportTests(BriefingFixture fixture)
{
    private static readonly Rubric Songjiang = RubricCatalog.Get(BriefingFixture.RubricId);

    private (DistrictScore Score, string File) Draft(string town)
    {
        var file = Path.Combine(fixture.Root, $"self-report-{Guid.NewGuid():N}.docx");
        using var connection = fixture.Warehouse.Connect();
        var evidence = SelfReportEvidence.Read(connection, Songjiang, town, new DateTime(2025, 1, 15, 9, 0, 0, DateTimeKind.Utc));
        using (var stream = File.Create(file))
        {
            SelfReportWriter.Write(evidence, stream);
        }

        return (new TownScorer(connection).Score(Songjiang, AssessmentPeriod.ForYear(2024), store: false), file);
    }

    private static List<Paragraph> Paragraphs(WordprocessingDocument doc) => doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();

    private static string? Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    [Fact]
    public void Every_item_score_section_total_and_input_value_matches_the_scorer()
    {
        var town = fixture.ScoredTowns[0].Town;
        var (score, file) = Draft(town);
        var result = score.Towns.Single(t => t.Town.TownName == town).Town.Result;
        using var doc = WordprocessingDocument.Open(file, false);
        var paragraphs = Paragraphs(doc);
        var texts = paragraphs.Select(p => p.InnerText).ToList();
        Assert.Contains($"总分：{result.Headline}；区内第 {score.Towns.Single(t => t.Town.TownName == town).Rank} 名（共 17 个街镇），排名为暂计", texts);
        foreach (var section in result.Sections)
        {
            Assert.Contains($"{section.Code} {section.Name}（得分 {Fmt.Num(section.Score)} / 满分 {Fmt.Num(section.Maximum)}）", texts);
        }

        var tables = doc.MainDocumentPart!.Document.Body!.Elements<Table>().ToList();
        var rows = tables.Skip(1).SelectMany(t => t.Elements<TableRow>().Skip(1)).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        foreach (var item in result.Items.Where(i => i.SectionCode != "veto"))
        {
            var heading = paragraphs.FindIndex(p => Style(p) == "Heading2" && p.InnerText == $"{item.Code} {item.Name}");
            Assert.True(heading >= 0, $"item {item.Code} has no heading");
            Assert.Equal(SelfReportWriter.ScoreLine(item), texts[heading + 1]);
            Assert.Equal($"评分说明：{item.Explanation}", texts[heading + 2]);
            foreach (var (name, value) in item.Inputs)
            {
                var row = rows.First(r => r[0].EndsWith($"（{name}）", StringComparison.Ordinal));
                var unit = Songjiang.FindInput(name)!.Unit;
                Assert.Equal(SelfReportWriter.Value(value, unit), row[1]);
                var all = score.Towns.Select(t => t.Town.Result.Item(item.Code).Inputs[name]).OfType<decimal>().ToList();
                Assert.Equal(SelfReportWriter.Value(SelfReportEvidence.Median(all), unit), row[4]);
            }
        }
    }

    [Fact]
    public void Growth_item_shows_last_years_value_and_the_change_against_it()
    {
        var town = fixture.ScoredTowns[1].Town;
        var (score, file) = Draft(town);
        var item = score.Towns.Single(t => t.Town.TownName == town).Town.Result.Item("S2.3a");
        using var doc = WordprocessingDocument.Open(file, false);
        var row = doc.MainDocumentPart!.Document.Body!.Elements<Table>().SelectMany(t => t.Elements<TableRow>())
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).First(r => r[0].EndsWith("（assistive.device_rentals）", StringComparison.Ordinal));
        Assert.Equal(SelfReportWriter.Value(item.Previous["assistive.device_rentals"], "件"), row[2]);
        Assert.Equal(SelfReportWriter.Change(item.Inputs["assistive.device_rentals"], item.Previous["assistive.device_rentals"]), row[3]);
        Assert.StartsWith("街镇季度台账", row[5]);
        Assert.Equal("数据截至 2024Q4，装载于 " + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[6]);
    }

    [Fact]
    public void Headings_are_outline_levels_fonts_are_chinese_and_narrative_places_are_highlighted()
    {
        var (_, file) = Draft(fixture.ScoredTowns[2].Town);
        using var doc = WordprocessingDocument.Open(file, false);
        var styles = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        Assert.Equal(0, styles.Elements<Style>().Single(s => s.StyleId == "Heading1").StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(1, styles.Elements<Style>().Single(s => s.StyleId == "Heading2").StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal("黑体", styles.Elements<Style>().Single(s => s.StyleId == "Heading1").StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("宋体", styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!.EastAsia!.Value);
        var paragraphs = Paragraphs(doc);
        Assert.Equal(Songjiang.Items.Count(), paragraphs.Count(p => Style(p) == "Heading2"));
        var placeholders = paragraphs.Where(p => p.InnerText.StartsWith(SelfReportWriter.FillIn, StringComparison.Ordinal)).ToList();
        Assert.True(placeholders.Count > Songjiang.Items.Count());
        Assert.All(placeholders, p => Assert.Equal(HighlightColorValues.Yellow, p.Descendants<Highlight>().Single().Val!.Value));
    }
}
