using System.Net;
using Analytics.Metrics;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>The public page per rubric (评分方法说明): every number with the notice's words or our stated choice beside it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RubricMethodologyTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("changning-2023", "items.B3.1.params.per_case", "0.5", "按照规定流程受理、审核、审批，得 2分；每发现 1例违反流程的，扣 0.5 分，扣完为止。（2分）")]
    [InlineData("songjiang-2024", "sections.S3.weight", "20", "养老服务和老龄事业（20 分）")]
    [InlineData("qingpu-2024", "items.Q24a.params.value", "80", "成全年80%的整治目标")]
    [InlineData("putuo-2024", "items.T01.params.target", "200", "计划新增 200 张养老床位")]
    public async Task Each_rubric_page_shows_a_notice_quote_and_an_assumption_distinguished(string id, string quotedPath, string value, string quote)
    {
        var response = await fixture.Anonymous().GetAsync($"/methodology/rubric/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var quoted = document.QuerySelector($"tr[data-path='{quotedPath}']")!;
        Assert.Equal("quoted", quoted.ClassName);
        Assert.Equal(value, quoted.QuerySelector("td.value")!.TextContent);
        Assert.Equal("通知原文", quoted.QuerySelector("td.source .tag.seed")!.TextContent);
        Assert.Equal(quote, quoted.QuerySelector("td.source q")!.TextContent);

        var pass = document.QuerySelector("tr[data-path='grades.pass']")!;
        Assert.Equal("assumed", pass.ClassName);
        Assert.Equal("60", pass.QuerySelector("td.value")!.TextContent);
        Assert.Equal("本系统设定", pass.QuerySelector("td.source .tag.assumption")!.TextContent);
        Assert.Contains("通知未给出等级线", pass.QuerySelector("td.source")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_number_of_a_rubric_has_a_row_and_every_item_an_anchor()
    {
        var rubric = RubricCatalog.Get("songjiang-2024");
        var document = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync("/methodology/rubric/songjiang-2024"));
        Assert.Equal(rubric.Provenance.Numbers.Select(n => n.Path), document.QuerySelectorAll("tr[data-path]").Select(r => r.GetAttribute("data-path")!));
        Assert.Equal(rubric.Items.Select(i => $"item-{i.Code}"), document.QuerySelectorAll("tr[id^='item-']").Select(r => r.Id!));
        var s36b = document.QuerySelectorAll("tr[data-path^='items.S3.6b.']").ToList();
        Assert.Equal(["assumed", "quoted"], s36b.Select(r => r.ClassName));
        Assert.Equal("本系统设定 通知只给二级指标权重、未给逐条分值：每条考核内容按 10 分计（含可量化目标的条目拆为 5 + 5 分），二级指标按权重折算",
            s36b[0].QuerySelector("td.source")!.TextContent.Trim());
        Assert.Equal("（本系统的理解：理解为不低于 80%（恰为 80% 得分））", s36b[1].QuerySelector(".reading")!.TextContent);
        Assert.Equal("1.0", document.QuerySelector("dd.version")!.TextContent);
    }

    [Fact]
    public async Task The_methodology_list_links_each_rubric_page()
    {
        var document = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync("/methodology"));
        Assert.Equal(RubricCatalog.All.Select(r => $"/methodology/rubric/{r.Id}"),
            document.QuerySelectorAll("ul.rubrics li a").Select(a => a.GetAttribute("href")!));
    }

    [Fact]
    public async Task An_unknown_rubric_is_404()
    {
        var response = await fixture.Anonymous().GetAsync("/methodology/rubric/nowhere-2024");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
