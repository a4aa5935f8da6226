using Analytics.DuckDb;
using System.Globalization;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Reports.Content;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The 区际比较 download: numbers stay numbers with their unit in the header, a rate's 同比 in 百分点 and a count's in %
/// (never in one column), and the 同比 as the page writes it beside them.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ComparisonDownloadTests(DashboardFixture fixture)
{
    private const string Period = "2024Q4";

    [Fact]
    public async Task A_rates_change_is_in_the_percentage_point_column_and_a_counts_in_the_percent_column()
    {
        var client = await fixture.SignedInAsAsync("compare-csv", Roles.Leader);
        var csv = Downloads.Csv(await client.GetByteArrayAsync($"/api/leader/compare?period={Period}&format=csv"));
        var header = csv[0];
        var values = DistrictValues();

        Assert.Equal(["指标编号", "指标", "单位", "按人口口径"], header.Take(4));
        var districts = Enumerable.Range(0, (header.Count - 4) / 5).Select(k => 4 + k * 5).ToList();
        Assert.Equal(4, districts.Count);
        foreach (var row in csv.Skip(1))
        {
            var indicator = IndicatorCatalog.Get(row[0]);
            Assert.Equal((indicator.NameZh, indicator.Unit), (row[1], row[2]));
            foreach (var at in districts)
            {
                var name = header[at];
                Assert.Equal([name + "按人口", name + "同比（%）", name + "同比（百分点）", name + "同比"], header.Skip(at + 1).Take(4));
                var (value, percent, change) = values[(indicator.Code, DistrictCode(name))];
                Assert.Equal(Number(value), row[at]);
                Assert.Equal(indicator.Unit == "%" ? "" : Number(percent), row[at + 2]);
                Assert.Equal(indicator.Unit == "%" ? Number(change) : "", row[at + 3]);
                Assert.Equal(ChineseNumbers.ChangeCell(indicator, percent, change), row[at + 4]);
            }
        }
    }

    [Fact]
    public void A_rates_change_is_written_in_percentage_points_and_a_counts_in_percent()
    {
        // The test warehouse holds no year-ago quarter, so the 同比 figures here are set by hand.
        var overdue = IndicatorCatalog.Get("hedui.overdue_rate");
        var dibao = IndicatorCatalog.Get("dibao.recipients");
        var table = new ComparisonTable("2025Q3", ["2025Q3"], [("310117", "松江区")],
        [
            new ComparisonRow(overdue, [new DistrictValue(6.04m, 15.2m, "worse", 0.79m)]),
            new ComparisonRow(dibao, [new DistrictValue(4055m, -3.46m, "down", -145m)], PerCapita.For(dibao), [21.12m]),
        ]);

        var download = LeadershipTables.Comparison(table);

        Assert.Equal(["指标编号", "指标", "单位", "按人口口径", "松江区", "松江区按人口", "松江区同比（%）", "松江区同比（百分点）", "松江区同比"], download.Header);
        Assert.Equal(["hedui.overdue_rate", overdue.NameZh, "%", null, "6.04", null, null, "0.79", "+0.8 个百分点"], download.Rows[0]);
        Assert.Equal(["dibao.recipients", dibao.NameZh, "人", "每万名常住人口（人/万人）", "4055", "21.12", "-3.46", null, "-3.5%"], download.Rows[1]);
        Assert.Equal([4, 5, 6, 7], download.NumberColumns.Order());
    }

    [Fact]
    public async Task A_counts_per_capita_column_is_numeric_with_its_basis_named()
    {
        var client = await fixture.SignedInAsAsync("compare-csv-pc", Roles.Leader);
        var csv = Downloads.Csv(await client.GetByteArrayAsync($"/api/leader/compare?period={Period}&format=csv"));
        var values = DistrictValues();
        var dibao = csv.Single(r => r[0] == "dibao.recipients");
        var at = csv[0].IndexOf(DistrictName("310117") + "按人口");

        Assert.Equal("每万名常住人口（人/万人）", dibao[3]);
        var expected = Math.Round(values[("dibao.recipients", "310117")].Value!.Value / values[("population.resident", "310117")].Value!.Value * 10_000m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected.ToString("0.##", CultureInfo.InvariantCulture), dibao[at]);
    }

    private static string DistrictName(string code) => code switch
    {
        "310105" => "长宁区",
        "310107" => "普陀区",
        "310117" => "松江区",
        "310118" => "青浦区",
        _ => code,
    };

    private static string DistrictCode(string name) => new[] { "310105", "310107", "310117", "310118" }.Single(c => DistrictName(c) == name);

    private static string Number(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    private Dictionary<(string Indicator, string District), (decimal? Value, decimal? Percent, decimal? Change)> DistrictValues()
    {
        using var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect();
        IndicatorEngine.RefreshIfStale(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT indicator_code, district_code, value, yoy_pct, yoy_change FROM metric_value WHERE level = 'district' AND period = $1";
        command.Parameters.AddValue(Period);
        using var reader = command.ExecuteReader();
        var values = new Dictionary<(string, string), (decimal?, decimal?, decimal?)>();
        while (reader.Read())
        {
            values[(reader.GetString(0), reader.GetString(1))] = (Decimal(reader, 2), Decimal(reader, 3), Decimal(reader, 4));
        }

        return values;
    }

    private static decimal? Decimal(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
