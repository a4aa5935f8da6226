using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Tests;

[Collection(WarehouseCollection.Name)]
public sealed class CatalogTests(WarehouseFixture fixture)
{
    [Fact]
    public void Every_rubric_input_of_the_shipped_rubrics_is_measured()
    {
        foreach (var rubric in RubricCatalog.All)
        {
            Assert.Empty(RubricInputBuilder.Unmapped(rubric));
        }

        Assert.True(RubricCatalog.All.SelectMany(r => r.Inputs).Select(i => i.Name).Distinct().Count() >= 88);
    }

    [Fact]
    public void Indicator_codes_are_unique_and_their_quantities_exist()
    {
        Assert.Equal(IndicatorCatalog.All.Count, IndicatorCatalog.All.Select(i => i.Code).Distinct().Count());
        foreach (var i in IndicatorCatalog.All)
        {
            Assert.NotNull(QuantityCatalog.Find(i.Numerator));
            Assert.True(i.Denominator is null || QuantityCatalog.Find(i.Denominator) is not null, i.Code);
        }
    }

    [Fact]
    public void The_published_indicators_are_the_catalog_counts_marked_public_in_their_published_order()
    {
        Assert.Equal(
            ["dibao", "low_income", "tekun", "temporary_assistance", "eldercare_institutions", "eldercare_beds", "social_organisations"],
            IndicatorCatalog.Published.Select(i => i.Public!.Code));
        Assert.All(IndicatorCatalog.Published, i => Assert.False(i.IsRatio, i.Code));
        Assert.Equal(
            "SELECT f.quarter_key, f.town_key, f.district_code, CAST(count(*) FILTER (WHERE f.category = 'dibao' AND f.status = 'active') AS BIGINT) AS value " +
            "FROM fact_assistance_recipients f GROUP BY ALL",
            IndicatorCatalog.Get("dibao.recipients").PublicSql);
    }

    [Theory]
    [InlineData("assistance.temporary_cases")]
    [InlineData("assistance.expenditure_poverty_cases")]
    [InlineData("dibao.recipients")]
    [InlineData("low_income.recipients")]
    [InlineData("tekun.recipients")]
    [InlineData("hedui.overdue_rate")]
    [InlineData("hedui.return_rate")]
    [InlineData("hedui.certified_verifiers")]
    [InlineData("hedui.training_rate")]
    [InlineData("eldercare.beds")]
    [InlineData("eldercare.beds_per_elderly")]
    [InlineData("eldercare.facility_area_per_1000")]
    [InlineData("eldercare.care_worker_certificate_rate")]
    [InlineData("eldercare.care_worker_skill_rate")]
    [InlineData("eldercare.dementia_beds")]
    [InlineData("eldercare.nursing_beds")]
    [InlineData("socorg.rated_rate")]
    [InlineData("socorg.rated_3a_plus_rate")]
    [InlineData("socorg.evaluation_participation_rate")]
    [InlineData("socorg.inspection_rate")]
    [InlineData("burial.scattered_graves_clearance_rate")]
    [InlineData("children.supervisor_training_rate")]
    public void The_seed_documents_quantities_are_in_the_catalog_and_dim_indicator(string code)
    {
        var indicator = IndicatorCatalog.Get(code);
        var row = Assert.Single(fixture.Rows("SELECT name_zh, direction, definition_sql FROM dim_indicator WHERE indicator_code = $1", code));
        Assert.Equal(indicator.NameZh, row[0]);
        Assert.Equal(indicator.DirectionText, row[1]);
        Assert.Contains("FROM fact_", (string)row[2]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_indicator_has_values_for_towns_districts_and_the_city_in_quarters_and_years()
    {
        var rows = fixture.Rows("""
            SELECT indicator_code, count(DISTINCT level), count(DISTINCT period) FROM metric_value GROUP BY indicator_code
            """).ToDictionary(r => (string)r[0]!, r => (Convert.ToInt64(r[1]), Convert.ToInt64(r[2])));
        foreach (var i in IndicatorCatalog.All)
        {
            Assert.True(rows.TryGetValue(i.Code, out var counts), i.Code);
            Assert.Equal(3, counts.Item1);
            Assert.Equal(10, counts.Item2); // 8 quarters + 2 years
        }
    }

    [Fact]
    public void Metrics_are_recomputed_only_after_a_new_load()
    {
        Assert.Null(IndicatorEngine.RefreshIfStale(fixture.Connection));
        Assert.Equal(IndicatorCatalog.All.Count, fixture.Scalar<long>("SELECT count(*) FROM dim_indicator"));
        Assert.True(fixture.Refresh.IndicatorValues > 0);
    }

    [Fact]
    public void A_town_quarter_value_equals_the_count_in_the_facts()
    {
        var expected = fixture.Scalar<long>("""
            SELECT count(*) FROM fact_assistance_payments WHERE category = 'temporary_assistance' AND quarter_key = 20243 AND town_key = 1
            """);
        var value = fixture.Scalar<decimal>("""
            SELECT value FROM metric_value WHERE indicator_code = 'assistance.temporary_cases' AND level = 'town' AND town_key = 1 AND period = '2024Q3'
            """);
        Assert.Equal(expected, value);
        var year = fixture.Scalar<long>("""
            SELECT count(*) FROM fact_assistance_payments WHERE category = 'temporary_assistance' AND quarter_key BETWEEN 20241 AND 20244 AND district_code = '310117'
            """);
        Assert.Equal(year, fixture.Scalar<decimal>("""
            SELECT value FROM metric_value WHERE indicator_code = 'assistance.temporary_cases' AND level = 'district' AND district_code = '310117' AND period = '2024'
            """));
    }

    [Fact]
    public void A_district_rate_is_the_ratio_of_its_sums_not_the_mean_of_town_rates()
    {
        var row = Assert.Single(fixture.Rows("""
            SELECT sum(households) FILTER (WHERE returned_by_city), sum(households) FROM fact_verification_requests
            WHERE district_code = '310118' AND quarter_key = 20242
            """));
        var expected = Math.Round(100m * Convert.ToDecimal(row[0]) / Convert.ToDecimal(row[1]), 4);
        Assert.Equal(expected, fixture.Scalar<decimal>("""
            SELECT value FROM metric_value WHERE indicator_code = 'hedui.return_rate' AND level = 'district' AND district_code = '310118' AND period = '2024Q2'
            """));
    }
}
