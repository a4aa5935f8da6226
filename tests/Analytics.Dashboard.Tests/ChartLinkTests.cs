using System.Text.Json;
using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The leadership charts lead where their table cells lead: a ranking bar to its 街镇's 评分明细, a heat-map cell to
/// that 街镇's items at that section, a comparison bar to the district's ranking.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ChartLinkTests(DashboardFixture fixture)
{
    private const string Scorecard = "/leader/scorecard?rubric=songjiang-2024&period=2024Q4";

    [Fact]
    public async Task Each_ranking_bar_leads_to_the_towns_items_in_rank_order()
    {
        var client = await fixture.SignedInAsAsync("chart-links", Roles.Leader);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(Scorecard));
        var chart = page.QuerySelector(".ranking-chart .chart")!;
        using var options = JsonDocument.Parse(chart.GetAttribute("data-chart")!);
        using var links = JsonDocument.Parse(chart.GetAttribute("data-chart-links")!);

        var rows = page.QuerySelectorAll("table.scorecard tbody tr").ToList();
        var names = options.RootElement.GetProperty("yAxis").GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(rows.Select(tr => tr.QuerySelector("th a")!.TextContent).ToList(), names);
        Assert.Equal(rows.Select(tr => tr.QuerySelector("th a")!.GetAttribute("href")).ToList(),
            links.RootElement.EnumerateArray().Select(e => e.GetString()).ToList());
        var score = fixture.Score("songjiang-2024", "2024Q4");
        Assert.Equal(names.Select(n => score.Towns.Single(t => t.Town.TownName == n).Town.Result.Total).ToList(),
            options.RootElement.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(e => e.GetDecimal()).ToList());
    }

    [Fact]
    public async Task Each_heat_map_cell_leads_to_its_towns_items_at_its_section()
    {
        var client = await fixture.SignedInAsAsync("chart-links", Roles.Leader);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(Scorecard));
        var chart = page.QuerySelector(".heatmap .chart")!;
        using var links = JsonDocument.Parse(chart.GetAttribute("data-chart-links")!);

        var expected = page.QuerySelectorAll("table.heat-table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.QuerySelector("a")?.GetAttribute("href")).ToList()).ToList();
        var actual = links.RootElement.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetString()).ToList()).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var y = 0; y < expected.Count; y++)
        {
            // A cell without a share has no link in the table; its chart cell shows "-" and still leads to the section.
            Assert.All(expected[y].Select((href, x) => (href, x)).Where(c => c.href is not null), c => Assert.Equal(c.href, actual[y][c.x]));
            Assert.All(actual[y], href => Assert.Contains("#section-", href, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Each_comparison_bar_leads_where_the_districts_value_leads()
    {
        var client = await fixture.SignedInAsAsync("chart-links", Roles.Leader);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/compare?period=2024Q4&indicator=dibao.recipients"));
        using var links = JsonDocument.Parse(page.QuerySelector(".bars .chart")!.GetAttribute("data-chart-links")!);

        Assert.Equal(page.QuerySelectorAll("tr[data-indicator='dibao.recipients'] td.value a").Select(a => a.GetAttribute("href")).ToList(),
            links.RootElement.EnumerateArray().Select(e => e.GetString()).ToList());
    }
}
