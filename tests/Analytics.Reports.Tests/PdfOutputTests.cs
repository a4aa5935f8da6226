namespace Analytics.Reports.Tests;

[Collection(BriefingCollection.Name)]
public sealed class PdfOutputTests(BriefingFixture fixture)
{
    [Fact]
    public void Every_font_is_embedded_with_a_unicode_map()
    {
        foreach (var pdf in new[] { fixture.DistrictBriefing, fixture.Scorecard(fixture.ScoredTowns[0].Town) })
        {
            var result = Tools.Run("pdffonts", [pdf]);
            Assert.True(result.ExitCode == 0, result.Error);
            // Columns: name type encoding emb sub uni object ID (the name may be "[none]" for Chromium's Type 3 fonts).
            var fonts = result.Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
            Assert.NotEmpty(fonts);
            foreach (var line in fonts)
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(columns[^5] == "yes", $"not embedded: {line}");
                Assert.True(columns[^3] == "yes", $"no unicode map (text would not extract): {line}");
            }
        }
    }

    [Fact]
    public void The_fonts_the_stylesheet_asks_for_are_installed_Noto_CJK()
    {
        foreach (var (family, file) in new[] { ("Noto Serif CJK SC", "NotoSerifCJK"), ("Noto Sans CJK SC", "NotoSansCJK") })
        {
            var match = Tools.Run("fc-match", ["-f", "%{file}", family]);
            Assert.Contains(file, match.Output);
            Assert.Contains($"\"{family}\"", Html.BriefingStyles.Css);
        }
    }

    [Fact]
    public void Chinese_text_comes_back_from_the_pdf()
    {
        var text = Tools.PdfText(fixture.DistrictBriefing, 1);
        Assert.Contains("上海市松江区民政局", text);
        Assert.Contains("松江区民政工作2024年第4季度简报", Tools.Squeeze(text));
        Assert.Contains("一、总体情况", text);
    }

    [Fact]
    public void First_pages_render_to_png_kept_as_test_output()
    {
        var folder = Path.Combine(Tools.RepositoryRoot, "artifacts", "test-results", "report-pages");
        Directory.CreateDirectory(folder);
        foreach (var (pdf, name) in new[] { (fixture.DistrictBriefing, "district-310117-2024Q4"), (fixture.Scorecard(fixture.ScoredTowns[0].Town), "town-first-2024Q4") })
        {
            var prefix = Path.Combine(folder, name);
            var result = Tools.Run("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "2", pdf, prefix]);
            Assert.True(result.ExitCode == 0, result.Error);
            var pages = Directory.GetFiles(folder, name + "-*.png");
            Assert.Equal(2, pages.Length);
            foreach (var page in pages)
            {
                var bytes = File.ReadAllBytes(page);
                Assert.True(bytes.Length > 20_000, $"{page}: {bytes.Length} bytes, an empty page?");
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            }
        }
    }

    [Fact]
    public void The_command_line_prints_one_row_per_document()
    {
        Assert.Contains("18 份文件（1 份季度简报、17 份街镇成绩单）写入", fixture.Report.Output);
        Assert.Contains("松民政简〔2024〕第4号", fixture.Report.Output);
    }
}
