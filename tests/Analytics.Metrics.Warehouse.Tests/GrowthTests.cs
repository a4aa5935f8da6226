using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>同比 and 环比 for every indicator of the catalog, and the "no baseline" result without a previous year.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class GrowthTests(WarehouseFixture fixture)
{
    public static TheoryData<string> Indicators => [.. IndicatorCatalog.All.Select(i => i.Code)];

    [Theory]
    [MemberData(nameof(Indicators))]
    public void Yoy_compares_with_the_same_period_of_the_previous_year(string code)
    {
        var indicator = IndicatorCatalog.Get(code);
        // Recompute YoY independently with a self-join and compare every row.
        var wrong = fixture.Scalar<long>("""
            SELECT count(*) FROM metric_value a
            LEFT JOIN metric_value b ON b.indicator_code = a.indicator_code AND b.level = a.level
                 AND b.district_code IS NOT DISTINCT FROM a.district_code AND b.town_key IS NOT DISTINCT FROM a.town_key
                 AND b.period = CASE WHEN a.quarter IS NULL THEN CAST(a.year - 1 AS VARCHAR) ELSE (a.year - 1) || 'Q' || a.quarter END
            WHERE a.indicator_code = $1 AND (
                a.yoy_previous IS DISTINCT FROM b.value
                OR a.yoy_change IS DISTINCT FROM a.value - b.value
                OR a.yoy_direction <> CASE WHEN b.value IS NULL OR a.value IS NULL THEN 'no_baseline' WHEN a.value = b.value THEN 'flat'
                                           WHEN $2 = 'neutral' THEN CASE WHEN a.value > b.value THEN 'up' ELSE 'down' END
                                           WHEN (a.value > b.value) = ($2 = 'higher') THEN 'better' ELSE 'worse' END)
            """, code, indicator.DirectionText);
        Assert.Equal(0, wrong);

        // The first loaded year has no previous year: every value says so instead of failing.
        Assert.Equal(0, fixture.Scalar<long>("SELECT count(*) FROM metric_value WHERE indicator_code = $1 AND year = 2023 AND yoy_direction <> 'no_baseline'", code));
        Assert.Equal(0, fixture.Scalar<long>("SELECT count(*) FROM metric_value WHERE indicator_code = $1 AND year = 2023 AND yoy_change IS NOT NULL", code));

        // 2024 has a baseline wherever both years have a value.
        var compared = fixture.Scalar<long>("""
            SELECT count(*) FROM metric_value WHERE indicator_code = $1 AND year = 2024 AND yoy_direction IN ('better', 'worse', 'flat', 'up', 'down')
            """, code);
        Assert.True(compared > 0, $"{code}: no 2024 value with a 2023 baseline");
    }

    [Fact]
    public void Qoq_links_the_first_quarter_to_the_fourth_quarter_of_the_previous_year()
    {
        var row = Assert.Single(fixture.Rows("""
            SELECT a.qoq_previous, b.value FROM metric_value a JOIN metric_value b
              ON b.indicator_code = a.indicator_code AND b.level = 'city' AND b.period = '2023Q4'
            WHERE a.indicator_code = 'dibao.recipients' AND a.level = 'city' AND a.period = '2024Q1'
            """));
        Assert.Equal(row[1], row[0]);
        Assert.Equal(0, fixture.Scalar<long>("SELECT count(*) FROM metric_value WHERE quarter IS NULL AND qoq_direction IS NOT NULL"));
    }

    [Fact]
    public void Yoy_percentage_is_relative_to_the_previous_value()
    {
        var row = Assert.Single(fixture.Rows("""
            SELECT value, yoy_previous, yoy_pct FROM metric_value WHERE indicator_code = 'dibao.recipients' AND level = 'city' AND period = '2024Q4'
            """));
        var (now, before) = (Convert.ToDecimal(row[0]), Convert.ToDecimal(row[1]));
        Assert.Equal(Math.Round(100m * (now - before) / before, 2), Convert.ToDecimal(row[2]));
    }
}
