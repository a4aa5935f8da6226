using System.Globalization;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The 街镇 profile against the district median, the score trend, the section box plot and the district comparison.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LeadershipAnalysisTests(DashboardFixture fixture)
{
    // A quarterly scheme: 青浦 is assessed once a year, so its quarters have no total, trend or ranking.
    private const string RubricId = "songjiang-2024";
    private const string Period = "2024Q4";

    [Fact]
    public async Task The_profile_shows_each_section_share_against_the_district_median_and_links_to_the_items()
    {
        var score = Score(Period);
        var town = score.Towns[^1].Town;
        var client = await fixture.SignedInAsAsync("profile-sections", Roles.Leader);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(
            $"/leader/scorecard/profile?rubric={RubricId}&period={Period}&town={Uri.EscapeDataString(town.TownCode)}"));

        var sections = score.Rubric.Sections.Where(s => s.Kind != SectionKind.Deduction).ToList();
        var rows = document.QuerySelectorAll("table.profile-sections tbody tr");
        Assert.Equal(sections.Select(s => s.Code).ToList(), rows.Select(r => r.GetAttribute("data-section")!).ToList());
        foreach (var (row, section) in rows.Zip(sections))
        {
            var shares = score.Towns.Select(t => Share(t.Town.Result, section.Code)).OfType<decimal>().Order().ToList();
            Assert.Equal(shares.Count == 0 ? "—" : Percent(Math.Round(Median(shares), 1)), row.QuerySelector("td.median")!.TextContent);
            Assert.Equal(Share(town.Result, section.Code) is { } s ? Percent(s) : "—", row.QuerySelector("td.share")!.TextContent);
            var link = row.QuerySelector("td.score a")!;
            Assert.Equal(Number(town.Result.Sections.Single(x => x.Code == section.Code).Score), link.TextContent);
            Assert.EndsWith($"#section-{section.Code}", link.GetAttribute("href"), StringComparison.Ordinal);
        }

        Assert.NotNull(document.QuerySelector(".radar [data-chart]"));
        var trend = document.QuerySelectorAll("table.profile-trend tbody tr");
        Assert.Equal(["2024Q3", "2024Q4"], trend.Select(r => r.GetAttribute("data-period")!).ToList());
        Assert.Equal(Number(Score("2024Q3").Towns.Single(t => t.Town.TownCode == town.TownCode).Town.Result.Total), trend[0].QuerySelector("td.total")!.TextContent);
        Assert.Equal(Number(town.Result.Total), trend[1].QuerySelector("td.total")!.TextContent);
        Assert.NotEmpty(document.QuerySelectorAll("table.profile-indicators tbody tr"));
    }

    [Fact]
    public async Task The_scorecard_box_plot_table_has_the_five_numbers_of_each_section()
    {
        var score = Score(Period);
        var client = await fixture.SignedInAsAsync("boxplot", Roles.Leader);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync($"/leader/scorecard?rubric={RubricId}&period={Period}"));
        Assert.NotNull(document.QuerySelector(".boxplot [data-chart]"));
        var rows = document.QuerySelectorAll("table.distribution-table tbody tr");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var shares = score.Towns.Select(t => Share(t.Town.Result, row.GetAttribute("data-section")!)).OfType<decimal>().Order().ToList();
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
            Assert.Equal(Percent(shares[0]), cells[0]);
            Assert.Equal(Percent(shares[^1]), cells[4]);
            Assert.Equal(Percent(Math.Round(Median(shares), 1)), cells[2]);
        }
    }

    [Fact]
    public void Quartiles_interpolate_like_duckdb_quantile_cont()
    {
        decimal[] values = [3m, 1m, 4m, 1.5m, 9m, 2.6m];
        var summary = Distribution.Summary(values)!;
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT quantile_cont(v, [0.0, 0.25, 0.5, 0.75, 1.0])::DECIMAL(18,4)[]::VARCHAR FROM (SELECT unnest([3, 1, 4, 1.5, 9, 2.6]::DECIMAL(18,4)[]) AS v)";
        var expected = ((string)command.ExecuteScalar()!).Trim('[', ']').Split(", ").Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected, summary.ToArray());
        Assert.Equal([1m, 1.775m, 2.8m, 3.75m, 9m], summary.ToArray());
    }

    [Fact]
    public async Task The_comparison_shows_every_district_on_the_indicators_they_share_with_the_warehouse_values()
    {
        var client = await fixture.SignedInAsAsync("compare", Roles.Leader);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync($"/leader/compare?period={Period}"));
        var expected = fixture.DistrictValues(Period);
        var districts = document.QuerySelectorAll("table.comparison thead th[data-district]").Select(th => th.GetAttribute("data-district")!).ToList();
        Assert.Equal(expected.Keys.Select(k => k.District).Distinct().Order(StringComparer.Ordinal).ToList(), districts);
        Assert.Equal(4, districts.Count);
        var shared = IndicatorCatalog.All.Where(i => districts.All(d => expected.ContainsKey((i.Code, d)))).Select(i => i.Code).ToList();
        var rows = document.QuerySelectorAll("table.comparison tbody tr");
        Assert.Equal(shared, rows.Select(r => r.GetAttribute("data-indicator")!).ToList());
        foreach (var row in rows)
        {
            var values = row.QuerySelectorAll("td.value").Select(td => td.TextContent).ToList();
            var indicator = IndicatorCatalog.Get(row.GetAttribute("data-indicator")!);
            Assert.Equal(districts.Select(d => Analytics.Reports.Content.ChineseNumbers.Value(indicator, expected[(indicator.Code, d)])).ToList(), values);
            // The fixture holds 2024 only, so there is no same period of the previous year.
            Assert.All(row.QuerySelectorAll("td.yoy"), td => Assert.Equal("—", td.TextContent));
        }
    }

    /// <summary>The median of sorted values, written out independently of the dashboard's Distribution.</summary>
    private static decimal Median(List<decimal> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static decimal? Share(RubricResult result, string section) =>
        result.Sections.Single(s => s.Code == section) is { Maximum: > 0 } s ? Math.Round(s.Score / s.Maximum * 100m, 1) : null;

    private static string Percent(decimal share) => share.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private DistrictScore Score(string period) => fixture.Score(RubricId, period);
}
