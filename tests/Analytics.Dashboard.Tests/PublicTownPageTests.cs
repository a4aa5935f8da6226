using System.Net;
using System.Text.Json;
using Analytics.Dashboard.Statistics;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The public 街镇 page and the ways to it: the district page's 街镇 names and bars link to it; it shows the 街镇's
/// disclosed counts and rates exactly as the district table does; an unknown 街镇 is a 404.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PublicTownPageTests(DashboardFixture fixture)
{
    private const string District = "310117";
    private const string Quarter = "2024Q4";

    private PublicStatistics Statistics => fixture.Services.GetRequiredService<PublicStatistics>();

    [Fact]
    public async Task Every_town_name_of_the_district_table_links_to_its_public_page_and_the_total_row_does_not()
    {
        var page = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync($"/districts/{District}?quarter={Quarter}"));
        var table = Statistics.TownTable(District, Analytics.Sources.Quarter.Parse(Quarter))!;

        var links = page.QuerySelectorAll(".stat-table tbody tr").Select(tr => tr.QuerySelector("th a")?.GetAttribute("href")).ToList();

        Assert.Equal("/districts/310117/towns/%E5%B2%B3%E9%98%B3%E8%A1%97%E9%81%93?quarter=2024Q4", links[0]);
        Assert.Equal(table.Rows.Select(r => r.IsTotal ? null : $"/districts/{District}/towns/{Uri.EscapeDataString(r.Code["310117/".Length..])}?quarter={Quarter}").ToList(), links);
    }

    [Fact]
    public async Task The_district_bar_chart_leads_each_bar_to_its_towns_page()
    {
        var page = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync($"/districts/{District}?quarter={Quarter}&indicator=eldercare_beds&view=rate"));
        var chart = page.QuerySelector(".bars .chart")!;
        using var options = JsonDocument.Parse(chart.GetAttribute("data-chart")!);
        using var links = JsonDocument.Parse(chart.GetAttribute("data-chart-links")!);
        var names = options.RootElement.GetProperty("yAxis").GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToList();
        var values = options.RootElement.GetProperty("series")[0].GetProperty("data").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDecimal() : (decimal?)null).ToList();
        var table = Statistics.TownTable(District, Analytics.Sources.Quarter.Parse(Quarter))!;
        var rates = fixture.Services.GetRequiredService<PublicRates>().For(table, Analytics.Sources.Quarter.Parse(Quarter));
        var beds = table.Columns.ToList().FindIndex(c => c.Code == "eldercare_beds");

        for (var i = 0; i < names.Count; i++)
        {
            var r = table.Rows.ToList().FindIndex(row => !row.IsTotal && row.Name == names[i]);
            Assert.Equal(rates.Rows[r][beds]!.Value, values[i]);
            var expected = PublicStatistics.HasPage(Statistics.Districts().Single(d => d.Code == District).Towns.Single(t => t.Code == table.Rows[r].Code))
                ? $"/districts/{District}/towns/{Uri.EscapeDataString(table.Rows[r].Code["310117/".Length..])}?quarter={Quarter}"
                : null;
            Assert.Equal(expected, links.RootElement[i].ValueKind == JsonValueKind.String ? links.RootElement[i].GetString() : null);
        }

        Assert.Equal(values.Where(v => v is not null).OrderByDescending(v => v).ToList(), values.Where(v => v is not null).ToList());
    }

    [Fact]
    public async Task A_towns_page_shows_its_row_of_the_district_table_with_rates_and_trends()
    {
        var quarter = Analytics.Sources.Quarter.Parse(Quarter);
        var table = Statistics.TownTable(District, quarter)!;
        var rates = fixture.Services.GetRequiredService<PublicRates>().For(table, quarter);
        var r = table.Rows.ToList().FindIndex(row => !row.IsTotal && row.Cells.Any(c => c.IsHidden));
        var row = table.Rows[r];

        var response = await fixture.Anonymous().GetAsync($"/districts/{District}/towns/{Uri.EscapeDataString(row.Code["310117/".Length..])}?quarter={Quarter}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains(row.Name, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var shown = page.QuerySelectorAll(".town-figures tbody tr").ToList();
        Assert.Equal(table.Columns.Select(c => (string?)c.Code).ToList(), shown.Select(tr => tr.GetAttribute("data-indicator")).ToList());
        Assert.Equal(row.Cells.Select(c => c.Display).ToList(), shown.Select(tr => tr.QuerySelector("td[data-count]")!.TextContent).ToList());
        Assert.Equal(rates.Rows[r].Select(x => x!.Display).ToList(), shown.Select(tr => tr.QuerySelector("td[data-rate]")!.TextContent).ToList());
        Assert.Equal(table.Columns.Count, page.QuerySelectorAll(".cards .card").Length);
    }

    [Fact]
    public async Task A_known_town_at_an_unloaded_quarter_is_a_404()
    {
        var town = Statistics.Districts().Single(d => d.Code == District).Towns.First(PublicStatistics.HasPage);

        var response = await fixture.Anonymous().GetAsync(PublicStatistics.TownPath(town, Analytics.Sources.Quarter.Parse(Quarter)).Replace(Quarter, "2030Q1", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
