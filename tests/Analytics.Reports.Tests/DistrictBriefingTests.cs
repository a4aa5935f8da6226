using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Metrics.Rules;
using Analytics.Reports.Content;
using Analytics.Reports.Generation;

namespace Analytics.Reports.Tests;

[Collection(BriefingCollection.Name)]
public sealed partial class DistrictBriefingTests(BriefingFixture fixture)
{
    [Fact]
    public void Ranking_in_the_pdf_is_the_ranking_of_the_score_command()
    {
        var rows = RankingRow().Matches(Tools.PdfText(fixture.DistrictBriefing))
            .Select(m => (int.Parse(m.Groups["rank"].Value, CultureInfo.InvariantCulture), m.Groups["town"].Value, m.Groups["total"].Value,
                m.Groups["max"].Value, m.Groups["range"].Value, m.Groups["grade"].Value))
            .ToList();
        var expected = fixture.ScoredTowns
            .Select(t => (t.Rank, t.Town, Fmt.Num(t.Total), Fmt.Num(t.Maximum), $"{Fmt.Num(t.Lowest)}–{Fmt.Num(t.Highest)}", t.Grade)).ToList();
        Assert.Equal(17, expected.Count);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Summary_names_the_first_and_the_last_town_with_their_scores()
    {
        var towns = fixture.ScoredTowns;
        var first = towns.Where(t => t.Rank == 1).ToList();
        var last = towns.Where(t => t.Rank == towns[^1].Rank).ToList();
        var text = Tools.Squeeze(Tools.PdfText(fixture.DistrictBriefing, 1, 2));
        Assert.Contains($"{string.Join("、", first.Take(3).Select(t => t.Town))}", text);
        // No judgement is recorded in the fixture: the ranking is provisional and says so.
        Assert.Contains($"暂计{Fmt.Num(first[0].Total)}分，{(first.Count > 1 ? "并列第一" : "位列第一")}", text);
        Assert.Contains($"暂计{Fmt.Num(last[0].Total)}分，{(last.Count > 1 ? "并列末位" : "位列末位")}（共17个街镇，排名为暂计）", text);
        Assert.Contains("17个街镇均有待评项，等级待定", text);
        Assert.DoesNotContain("不合格17个", text);
    }

    [Fact]
    public void Headline_figures_are_the_warehouse_values_with_year_on_year_and_quarter_on_quarter()
    {
        using var connection = fixture.Warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM metric_value WHERE level = 'district' AND district_code = '310117' AND period = '2024Q4' AND indicator_code = 'assistance.temporary_cases'";
        var cases = Convert.ToDecimal(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        var text = Tools.Squeeze(Tools.PdfText(fixture.DistrictBriefing, 1));
        // The demo warehouse starts in 2024Q3: no base a year earlier, but a previous quarter.
        Assert.Contains($"本季度全区临时救助人次{cases:#,0}人次，无上年同期数据，环比", text);
        Assert.Contains("二、主要指标", text);
    }

    [Fact]
    public void Every_page_carries_its_number_the_generation_time_the_data_as_of_and_the_rubric_version()
    {
        var entry = new BriefingIndex(fixture.Warehouse).List(BriefingFixture.Period, BriefingFixture.DistrictCode).Single(e => e.Kind == BriefingKind.District);
        var pages = Tools.PageCount(fixture.DistrictBriefing);
        Assert.True(pages >= 3, $"{pages} pages");
        for (var page = 1; page <= pages; page++)
        {
            var text = Tools.Squeeze(Tools.PdfText(fixture.DistrictBriefing, page));
            Assert.Contains($"第{page}页/共{pages}页", text);
            Assert.Contains(Tools.Squeeze($"生成{ChineseNumbers.ShortTime(entry.GeneratedAt)}"), text);
            Assert.Contains(Tools.Squeeze($"数据截至{ChineseNumbers.ShortTime(entry.DataAsOf)}"), text);
            Assert.Contains($"数据版本{entry.DataVersion}", text);
            Assert.Contains($"评分方案{BriefingFixture.RubricId}版本1.0", text);
            Assert.Contains("上海市松江区民政局·松民政简〔2024〕第4号", text);
        }
    }

    [Fact]
    public void The_ranking_marks_totals_and_grades_resting_on_our_assumptions_and_names_the_methodology_page()
    {
        var text = Tools.Squeeze(Tools.PdfText(fixture.DistrictBriefing));
        Assert.Contains("名次街镇总分*满分可达等级*名次变化", text);
        Assert.Contains("*等级线、逐项分值、部分评分参数为本系统设定（通知未给出），见民政数据平台“评分方法说明”页/methodology/rubric/songjiang-2024（评分方案songjiang-2024版本1.0）。", text);
    }

    [Fact]
    public void Charts_are_drawn_as_vector_graphics_with_their_labels_as_text()
    {
        var text = Tools.Squeeze(Tools.PdfText(fixture.DistrictBriefing));
        Assert.Contains("图1松江区各街镇总分", text);
        Assert.Contains("图2临时救助人次（人次）", text);
        Assert.Contains("各街镇分项得分率热力图", text);
        // Axis labels of the line charts are SVG text, so the quarters come back from the PDF as text.
        Assert.Contains("2024Q3", text);
    }

    [Fact]
    public void Index_lists_every_document_with_its_file_pages_and_data_version()
    {
        var entries = new BriefingIndex(fixture.Warehouse).List(BriefingFixture.Period, BriefingFixture.DistrictCode);
        Assert.Equal(18, entries.Count);
        Assert.Single(entries, e => e.Kind == BriefingKind.District);
        string version;
        using (var connection = fixture.Warehouse.Connect())
        {
            version = DataStamp.Read(connection).Version;
        }

        foreach (var e in entries)
        {
            var path = Path.Combine(fixture.Folder, e.FilePath);
            Assert.True(File.Exists(path), path);
            Assert.Equal(Tools.PageCount(path), e.Pages);
            Assert.Equal(new FileInfo(path).Length, e.Bytes);
            Assert.Equal(version, e.DataVersion);
            Assert.Equal("cli", e.GeneratedBy);
            Assert.Equal(BriefingFixture.RubricId, e.RubricId);
        }
    }

    // "  1 泗泾镇   暂计 5.93   80   5.93–85.93   等级待定（可能为…）   —" in pdftotext -layout output of the ranking table.
    [GeneratedRegex(@"^\s*(?<rank>\d+)\s+(?<town>\p{IsCJKUnifiedIdeographs}+)\s+暂计\s*(?<total>-?\d+(?:\.\d+)?)\s+(?<max>\d+(?:\.\d+)?)\s+(?<range>-?[\d.]+–[\d.]+)\s+(?<grade>等级待定)\S*\s+(?:[↑↓]\d+|持平|—)\s*$", RegexOptions.Multiline)]
    private static partial Regex RankingRow();
}
