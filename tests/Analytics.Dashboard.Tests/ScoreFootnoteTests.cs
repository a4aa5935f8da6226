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
}
