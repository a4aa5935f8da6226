using Analytics.DuckDb;
using System.Globalization;
using System.Net;
using Analytics.Dashboard.Security;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Reports.Content;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>区际比较: the briefing's number format, counts per population beside them, 同比 by kind, colour by direction, 404s.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ComparisonPageTests(DashboardFixture fixture)
{
    private const string Period = "2024Q4";

    [Theory]
    [InlineData("assistance.payment_amount", 8833048.76, "883.30 万元")]
    [InlineData("assistance.payment_amount", 9999.5, "9,999.5 元")]
    [InlineData("dibao.recipients", 12345, "12,345 人")]
    [InlineData("hedui.overdue_rate", 6.04, "6.0%")]
    public void Values_read_as_in_the_briefing(string indicator, double value, string text) =>
        Assert.Equal(text, ChineseNumbers.Value(IndicatorCatalog.Get(indicator), (decimal)value));

    [Theory]
    [InlineData("hedui.overdue_rate", 0.47, 0.03, "持平")]
    [InlineData("hedui.overdue_rate", 15.2, 1.26, "+1.3 个百分点")]
    [InlineData("hedui.overdue_rate", -20.0, -2.25, "-2.3 个百分点")]
    [InlineData("dibao.recipients", -3.46, -120, "-3.5%")]
    public void A_rates_change_is_in_percentage_points_and_a_counts_in_percent(string indicator, double percent, double change, string text) =>
        Assert.Equal(text, ChineseNumbers.ChangeCell(IndicatorCatalog.Get(indicator), (decimal)percent, (decimal)change));

    [Fact]
    public async Task Every_value_is_formatted_as_in_the_briefing_with_counts_per_population_beside_them()
    {
        var client = await fixture.SignedInAsAsync("compare-format", Roles.Leader);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync($"/leader/compare?period={Period}"));
        var districts = document.QuerySelectorAll("table.comparison thead th[data-district]").Select(th => th.GetAttribute("data-district")!).ToList();
        var values = fixture.DistrictValues(Period);

        foreach (var row in document.QuerySelectorAll("table.comparison tbody tr"))
        {
            var indicator = IndicatorCatalog.Get(row.GetAttribute("data-indicator")!);
            Assert.Equal(districts.Select(d => ChineseNumbers.Value(indicator, values[(indicator.Code, d)])).ToList(),
                row.QuerySelectorAll("td.value").Select(td => td.TextContent).ToList());
            var perCapita = row.QuerySelectorAll("td.per-capita").Select(td => td.TextContent).ToList();
            var basis = Analytics.Dashboard.Leadership.PerCapita.For(indicator);
            Assert.Equal(districts.Select(d => basis is null ? "—" : PerCapitaText(values[(indicator.Code, d)], values[(basis.PopulationIndicator, d)], basis)).ToList(),
                perCapita);
        }

        // 松江's 低保 count per 10,000 of its 常住人口, written out once more from the warehouse's own figures.
        var songjiang = districts.IndexOf("310117");
        var dibao = document.QuerySelector("tr[data-indicator='dibao.recipients']")!;
        Assert.Equal(
            (Math.Round(values[("dibao.recipients", "310117")] / values[("population.resident", "310117")] * 10_000m, 2, MidpointRounding.AwayFromZero))
                .ToString("#,0.##", CultureInfo.InvariantCulture) + "/万人",
            dibao.QuerySelectorAll("td.per-capita")[songjiang].TextContent);
        Assert.Equal("—", document.QuerySelector("tr[data-indicator='hedui.overdue_rate'] td.per-capita")?.TextContent ?? "—");
    }

    [Theory]
    [InlineData("no.such.indicator")]
    [InlineData("dibao")]
    public async Task An_indicator_that_cannot_be_compared_is_404_never_another_indicator(string indicator)
    {
        var client = await fixture.SignedInAsAsync("compare-404", Roles.Leader);

        var response = await client.GetAsync($"/leader/compare?period={Period}&indicator={indicator}");

        // .NET 10 ends a static page that set 404 without its body (the host's not-found page shows instead): no other indicator's figures.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-chart", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", body, StringComparison.Ordinal);
    }

    private static string PerCapitaText(decimal value, decimal population, Analytics.Dashboard.Leadership.PerCapita basis) =>
        ChineseNumbers.Grouped(Math.Round(value / population * basis.Per, 2, MidpointRounding.AwayFromZero)) + basis.UnitLabel;
}
