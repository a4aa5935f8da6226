using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>Scores resting on numbers this system chose carry a mark and a footnote linking the rubric's methodology page.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ScoreFootnoteTests(DashboardFixture fixture)
{
    private const string Footnote = "* 等级线、逐项分值、部分评分参数为本系统设定（通知未给出），见评分方法说明（评分方案 songjiang-2024 版本 1.0）。";

    [Fact]
    public async Task The_scorecard_marks_total_and_grade_and_links_the_methodology_page()
    {
        var client = await fixture.AdminAsync();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/scorecard?rubric=songjiang-2024&period=2024Q4"));
        var headers = document.QuerySelectorAll("table.scorecard thead th").Select(th => th.TextContent).ToList();
        Assert.Equal(["名次", "街镇", "总分*", "满分", "可达", "等级*", "名次变化", "对比区中位数"], headers);
        var footnote = document.QuerySelector("section.ranking p.assumption-footnote")!;
        Assert.Equal(Footnote, footnote.TextContent);
        Assert.Equal("/methodology/rubric/songjiang-2024", footnote.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_town_page_marks_each_item_maximum_that_is_ours()
    {
        var client = await fixture.AdminAsync();
        var ranking = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/scorecard?rubric=songjiang-2024&period=2024Q4"));
        var town = ranking.QuerySelector("table.scorecard tr[data-town]")!.GetAttribute("data-town");
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync($"/leader/scorecard/town?rubric=songjiang-2024&period=2024Q4&town={town}"));
        Assert.Equal("5*", document.QuerySelector("tr[data-item='S3.6b'] td.max")!.TextContent);
        Assert.Equal(Footnote, document.QuerySelector("p.assumption-footnote")!.TextContent);
    }

    [Fact]
    public async Task The_evaluator_page_marks_each_range_that_is_ours_and_carries_the_footnote()
    {
        var client = await fixture.SignedInAsAsync("footnote-evaluator", Roles.Evaluator);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/evaluator?rubric=songjiang-2024&period=2024Q4"));
        Assert.Equal("0–10 分*", document.QuerySelector("tr[data-item='S1.1'] td.range")!.TextContent);
        var footnote = document.QuerySelector("p.assumption-footnote")!;
        Assert.Equal(Footnote, footnote.TextContent);
        Assert.Equal("/methodology/rubric/songjiang-2024", footnote.QuerySelector("a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task The_ranking_download_marks_total_and_grade_and_ends_with_the_footnote_row(string format)
    {
        var client = await fixture.AdminAsync();
        var bytes = await client.GetByteArrayAsync($"/api/leader/scorecard?rubric=songjiang-2024&period=2024Q4&format={format}");
        var rows = format == "csv" ? Downloads.Csv(bytes) : Downloads.Xlsx(bytes);
        Assert.Equal(["名次", "街镇代码", "街镇", "评定状态", "总分*", "满分", "可达最低分*", "可达最高分*", "等级*", "可能等级*", "上期名次", "名次变化", "排名说明"], rows[0]);
        Assert.Equal([DownloadFootnote], rows[^1]);
    }

    [Fact]
    public async Task The_items_download_marks_each_item_whose_numbers_are_ours()
    {
        var client = await fixture.AdminAsync();
        var ranking = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/scorecard?rubric=songjiang-2024&period=2024Q4"));
        var town = ranking.QuerySelector("table.scorecard tr[data-town]")!.GetAttribute("data-town")!;
        var rows = Downloads.Csv(await client.GetByteArrayAsync(
            $"/api/leader/scorecard/town?rubric=songjiang-2024&period=2024Q4&town={Uri.EscapeDataString(town)}&format=csv"));
        Assert.Equal("本系统设定", rows[0][7]);
        Assert.Equal("*", rows.Single(r => r[0] == "S3.6b")[7]);
        Assert.Equal([DownloadFootnote], rows[^1]);
    }

    private const string DownloadFootnote =
        "* 等级线、逐项分值、部分评分参数为本系统设定（通知未给出），见评分方法说明 /methodology/rubric/songjiang-2024（评分方案 songjiang-2024 版本 1.0）。";
}
