using System.Net;
using System.Text;
using Analytics.Dashboard.Statistics;
using Analytics.Metrics.Warehouse.Indicators;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>The public methodology pages (指标说明): every indicator listed, one indicator's definition, the links from the overview.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MethodologyTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_list_has_every_public_and_catalog_indicator_with_a_link()
    {
        var document = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync("/methodology"));
        var rows = document.QuerySelectorAll("table.methodology tbody tr");
        var expected = PublicIndicator.All.Select(i => i.Code).Concat(IndicatorCatalog.All.Select(i => i.Code)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, rows.Select(r => r.GetAttribute("data-indicator")!).Order(StringComparer.Ordinal).ToList());
        var overdue = document.QuerySelector("tr[data-indicator='hedui.overdue_rate']")!;
        Assert.Equal("/methodology/hedui.overdue_rate", overdue.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["核对超期率", "%", "越低越好", "核对"], overdue.Children.Take(4).Select(c => c.TextContent).ToList());
    }

    [Fact]
    public async Task A_ratio_indicator_page_shows_its_definition_formula_sql_and_disclosure_rule()
    {
        var response = await fixture.Anonymous().GetAsync("/methodology/hedui.overdue_rate");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("核对超期率", document.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("核对超期件数 ÷ 核对应办结件数 × 100。先汇总后相除", document.QuerySelector("dd.formula")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("%", document.QuerySelector("dd.unit")!.TextContent);
        Assert.Equal("越低越好", document.QuerySelector("dd.direction")!.TextContent);
        Assert.Equal("居民经济状况核对系统 · 核对委托（fact_verification_requests）", document.QuerySelector("dd.source")!.TextContent);
        Assert.Equal(IndicatorCatalog.Get("hedui.overdue_rate").DefinitionSql, document.QuerySelector("pre.sql")!.TextContent);
        Assert.StartsWith("用于考核评分与内部分析", document.QuerySelector("dd.disclosure")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_indicator_page_states_the_suppression_rule_and_its_sql()
    {
        var document = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync("/methodology/dibao"));
        Assert.Equal("低保在册人数", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("季度末救助对象名册中救助类别为低保、状态为在册的人数，按救助对象所在街镇汇总。区、全市为所辖街镇之和。",
            document.QuerySelector("dd.formula")!.TextContent);
        Assert.Equal(PublicIndicator.Find("dibao")!.Sql, document.QuerySelector("pre.sql")!.TextContent);
        Assert.StartsWith("公开页面与开放数据接口发布。1 至 9 的计数显示为“<10”", document.QuerySelector("dd.disclosure")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_codes_are_404()
    {
        var response = await fixture.Anonymous().GetAsync("/methodology/no.such_indicator");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_overview_links_each_indicator_to_its_methodology()
    {
        var document = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync("/"));
        var links = document.QuerySelectorAll(".card h3 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(PublicIndicator.All.Select(i => $"/methodology/{i.Code}").ToList(), links);
        Assert.NotNull(document.QuerySelector("nav a[href='/methodology']"));
    }

    [Fact]
    public async Task The_csv_has_one_row_per_indicator()
    {
        var response = await fixture.Anonymous().GetAsync("/api/v1/methodology?scope=catalog&format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("指标编号,指标,单位,方向,领域,数据来源,计算方法,公开规则,公开指标,SQL 定义\r\n", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(IndicatorCatalog.All.Count + 1, lines.Length);
        Assert.Equal(IndicatorCatalog.All.Select(i => i.Code).ToList(), lines.Skip(1).Select(l => l.Split(',')[0]).ToList());
    }
}
