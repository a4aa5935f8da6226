using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Analytics.Reports.SelfReport;

/// <summary>
/// The draft's styles: Chinese fonts declared for East Asian text (宋体 body, 黑体 headings), and Heading1/Heading2 with
/// outline levels so Word's navigation pane lists every section and item.
/// </summary>
internal static class SelfReportStyles
{
    public const string Body = "宋体";
    public const string HeadingFont = "黑体";

    public static Styles Create() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = Body, ComplexScript = "Times New Roman" },
                new FontSize { Val = "24" },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "360", LineRule = LineSpacingRuleValues.Auto }))),
        Paragraph("Normal", "Normal", null, null, isDefault: true),
        Paragraph("Title", "Title", 0, "44"),
        Paragraph("Heading1", "heading 1", 0, "32"),
        Paragraph("Heading2", "heading 2", 1, "28"));

    private static Style Paragraph(string id, string name, int? outline, string? size, bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? OnOffValue.FromBoolean(true) : null };
        style.Append(new StyleName { Val = name });
        if (outline is null)
        {
            return style;
        }

        style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle());
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        if (id != "Title")
        {
            paragraph.Append(new OutlineLevel { Val = outline });
        }
        else
        {
            paragraph.Append(new Justification { Val = JustificationValues.Center });
        }

        style.Append(paragraph);
        style.Append(new StyleRunProperties(
            new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = HeadingFont },
            new Bold(),
            new FontSize { Val = size }));
        return style;
    }
}
