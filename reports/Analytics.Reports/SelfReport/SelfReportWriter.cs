using System.Globalization;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Analytics.Reports.SelfReport;

/// <summary>
/// 自评报告草稿: an editable Word document per 街镇 and year — a title page, then per section and item the evidence from the
/// warehouse (values, 同比, district median, source and as-of date, findings on record), the provisional score with its
/// explanation and the source of the rule's numbers, and highlighted 【请填写：…】 places for the 街镇's own narrative.
/// </summary>
public static class SelfReportWriter
{
    /// <summary>The marker of every place the 街镇 writes in; highlighted yellow in the document.</summary>
    public const string FillIn = "【请填写：";

    public static void Write(SelfReportEvidence e, Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = SelfReportStyles.Create();
        var body = new Body();
        TitlePage(e, body);
        Overview(e, body);
        foreach (var section in e.Rubric.Sections)
        {
            Section(e, section, body);
        }

        body.Append(Heading("Heading1", "自评小结"));
        body.Append(Placeholder("本年度工作的总体评价、存在的不足与下一步改进措施"));
        body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1440, Bottom = 1440, Left = 1800, Right = 1800, Header = 851, Footer = 992, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>The score line of an item, the form the tests read back: "得分：0.3 分（满分 0.5 分）".</summary>
    public static string ScoreLine(ItemResult i) => i.Status == ItemStatus.Pending
        ? $"暂计得分：{Fmt.Num(i.Score)} 分（满分 {Fmt.Num(i.Maximum)} 分，待评）"
        : $"得分：{Fmt.Num(i.Score)} 分（满分 {Fmt.Num(i.Maximum)} 分，{i.Status.Label()}）";

    private static void TitlePage(SelfReportEvidence e, Body body)
    {
        body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Title" }),
            new Run(new Text($"{e.TownName} {e.Rubric.Year} 年度自评报告（草稿）"))));
        body.Append(Centered(e.Rubric.Title));
        body.Append(Centered($"{e.Rubric.District.Name} · 评分方案 {e.Rubric.Id}（版本 {e.Rubric.Version}）"));
        body.Append(Centered($"草稿生成于 {e.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC，数据来自民政数据分析仓库"));
        body.Append(Placeholder("报送单位、联系人、联系电话、报送日期"));
        body.Append(Text("说明：本草稿由系统按区评分方案与仓库数据生成，分数为系统暂计，最终以区民政局评定为准；黄色底纹处由街镇填写，“用数据和事实说话”。"));
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
    }

    private static void Overview(SelfReportEvidence e, Body body)
    {
        var r = e.Result;
        body.Append(Heading("Heading1", "一、总体情况"));
        body.Append(Text($"总分：{r.Headline}；区内第 {e.Rank} 名（共 {e.TownCount} 个街镇）{(r.IsFinal ? "" : "，排名为暂计")}"));
        if (r.Vetoed)
        {
            body.Append(Text($"一票否决：{r.VetoReason}"));
        }

        var table = Table(["分项", "得分", "满分", "说明"]);
        foreach (var s in r.Sections)
        {
            table.Append(Row(s.Name, Fmt.Num(s.Score), Fmt.Num(s.Maximum), s.Explanation));
        }

        body.Append(table);
        body.Append(Placeholder("本年度工作概述：主要做法、亮点与成效"));
    }

    private static void Section(SelfReportEvidence e, RubricSection section, Body body)
    {
        var result = e.Result.Sections.Single(s => s.Code == section.Code);
        body.Append(Heading("Heading1", $"{section.Code} {section.Name}（得分 {Fmt.Num(result.Score)} / 满分 {Fmt.Num(result.Maximum)}）"));
        body.Append(Text(result.Explanation));
        foreach (var item in e.Items.Where(i => i.Item.SectionCode == section.Code))
        {
            Item(item, body);
        }
    }

    private static void Item(ItemEvidence item, Body body)
    {
        var r = item.Result;
        body.Append(Heading("Heading2", $"{r.Code} {r.Name}"));
        body.Append(Text(ScoreLine(r)));
        body.Append(Text($"评分说明：{r.Explanation}"));
        body.Append(Text($"评分标准：{item.Item.Rule.Describe(item.Item.Maximum)}"));
        foreach (var line in item.Provenance)
        {
            body.Append(Text($"依据：{line}"));
        }

        if (item.Inputs.Count > 0)
        {
            var table = Table(["数据项", "本街镇", "上年同期", "同比", "区中位数", "数据来源", "数据时点"]);
            foreach (var input in item.Inputs)
            {
                table.Append(Row($"{input.Label}（{input.Name}）", Value(input.Value, input.Unit), Value(input.Previous, input.Unit),
                    Change(input.Value, input.Previous), Value(input.DistrictMedian, input.Unit), input.Source, input.AsOf));
            }

            body.Append(table);
        }

        if (item.Findings.Count > 0)
        {
            foreach (var f in item.Findings)
            {
                body.Append(Text($"在案发现（编号 {f.Id}）：{f.FoundOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {f.FoundBy} {f.Cases} 例 — {f.Description}（证据：{f.Evidence}）"));
            }

            body.Append(Placeholder("对上述发现的整改情况与佐证材料"));
        }
        else if (item.Inputs.Any(i => i.Source == SelfReportEvidence.FindingsRegister))
        {
            body.Append(Text("在案发现：无"));
        }

        body.Append(Placeholder(item.Item.Rule is JudgementRule
            ? "本项工作的做法、成效与佐证材料（视情给分项，供评估人评定参考）"
            : "对上述数据的说明与佐证材料"));
    }

    public static string Value(decimal? value, string unit) => value is { } v ? Fmt.Num(v) + unit : "—";

    /// <summary>同比 as a signed percentage of last year's value; "—" without a non-zero base.</summary>
    public static string Change(decimal? now, decimal? before) => now is { } n && before is { } b && b != 0m
        ? (n >= b ? "+" : "") + Math.Round((n - b) * 100m / b, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : "—";

    private static Paragraph Heading(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));

    private static Paragraph Text(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Centered(string text) =>
        new(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new Text(text)));

    private static Paragraph Placeholder(string what) => new(new Run(
        new RunProperties(new Highlight { Val = HighlightColorValues.Yellow }),
        new Text($"{FillIn}{what}】")));

    private static Table Table(string[] headers)
    {
        var border = new EnumValue<BorderValues>(BorderValues.Single);
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = border, Size = 4 }, new BottomBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 }, new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 }, new InsideVerticalBorder { Val = border, Size = 4 })));
        var header = Row(headers);
        header.PrependChild(new TableRowProperties(new TableHeader()));
        table.Append(header);
        return table;
    }

    private static TableRow Row(params string[] cells) => new(cells.Select(c => new TableCell(
        new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto }),
        new Paragraph(new Run(new RunProperties(new FontSize { Val = "20" }), new Text(c))))));
}
