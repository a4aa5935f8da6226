using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>How the refresh and the full scoring rewrite their tables: replaced outright, constraints kept, nothing left over.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class MetricTableStorageTests(WarehouseFixture fixture)
{
    [Fact]
    public void A_refresh_recreates_the_metric_tables_with_their_constraints_and_leaves_no_work_table()
    {
        var before = fixture.Rows("SELECT count(*), sum(value) FROM metric_value")[0];
        IndicatorEngine.Refresh(fixture.Connection);

        Assert.Equal(before, fixture.Rows("SELECT count(*), sum(value) FROM metric_value")[0]);
        // The town × quarter step lives in a temporary table during the refresh only, and migration 6 dropped the old one.
        Assert.Equal(0L, fixture.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('refresh_quantity', 'metric_quantity')"));
        using var transaction = fixture.Connection.BeginTransaction();
        // The default of computed_at survived the recreation, and so did NOT NULL (a failed statement ends the transaction).
        Execute("INSERT INTO metric_value (indicator_code, level, period, year) VALUES ('x', 'town', '2024Q1', 2024)");
        Assert.Equal(1L, fixture.Scalar<long>("SELECT count(*) FROM metric_value WHERE indicator_code = 'x' AND computed_at IS NOT NULL"));
        var missingCode = Assert.Throws<DuckDBException>(() => Execute("INSERT INTO metric_value (level, period, year) VALUES ('town', '2024Q1', 2024)"));
        Assert.Contains("indicator_code", missingCode.Message, StringComparison.Ordinal);
        transaction.Rollback();
    }

    [Fact]
    public void The_indicator_catalog_seeder_restores_changed_rows_and_removes_retired_indicators()
    {
        var code = IndicatorCatalog.All[0].Code;
        Execute("UPDATE dim_indicator SET name_zh = '改过的名称' WHERE indicator_code = $1", code);
        Execute("INSERT INTO dim_indicator VALUES ('retired.indicator', '已停用', 'retired', '%', 'higher', 'x', 'assistance', 'SELECT 1')");

        IndicatorCatalogSeeder.Upsert(fixture.Connection);

        Assert.Equal(IndicatorCatalog.All[0].NameZh, fixture.Scalar<string>("SELECT name_zh FROM dim_indicator WHERE indicator_code = $1", code));
        Assert.Equal(0L, fixture.Scalar<long>("SELECT count(*) FROM dim_indicator WHERE indicator_code = 'retired.indicator'"));
        Assert.Equal(IndicatorCatalog.All.Count, fixture.Scalar<long>("SELECT count(*) FROM dim_indicator"));
    }

    [Fact]
    public void A_year_of_inputs_read_at_once_equals_each_period_read_alone()
    {
        var builder = new RubricInputBuilder(fixture.Connection);
        foreach (var rubric in RubricCatalog.All)
        {
            var periods = AssessmentPeriod.OfYear(rubric.Year);
            var together = builder.Build(rubric, periods);
            foreach (var period in periods)
            {
                var alone = builder.Build(rubric, period);
                Assert.Equal(alone.Count, together[period].Count);
                foreach (var (one, other) in alone.Zip(together[period]))
                {
                    Assert.Equal(one.Unit, other.Unit);
                    Assert.Equal(one.Missing, other.Missing);
                    Assert.Equal(Describe(one.Inputs), Describe(other.Inputs));
                }
            }
        }
    }

    [Fact]
    public void Scoring_the_whole_catalog_replaces_the_score_tables_with_every_rubric_and_period()
    {
        // A result of a rubric no longer shipped must not survive a full rescoring.
        Execute("""
            INSERT INTO score_result VALUES ('retired-2020', 'v1', '2020Q1', 'town', '310117', '310117/旧街道', '旧街道', 1,
                90, 90, 0, 0, 100, '优秀', false, NULL, 0, 0, now(), 'final', 90, 90, '优秀')
            """);

        var (results, _) = ScoreAll.Run(fixture.Connection);

        var towns = RubricCatalog.All.Sum(r => fixture.Scalar<long>("SELECT count(*) FROM dim_region WHERE district_code = $1", r.District.Code) + 1);
        Assert.Equal(5 * towns, results); // 4 quarters + the year; every town and the district
        Assert.Equal(results, fixture.Scalar<long>("SELECT count(*) FROM score_result"));
        Assert.Equal(0L, fixture.Scalar<long>("SELECT count(*) FROM score_result WHERE rubric_id = 'retired-2020'"));
        var scorer = new TownScorer(fixture.Connection);
        var items = RubricCatalog.All.SelectMany(scorer.ScoreYear).Sum(s => s.Towns.Sum(t => t.Town.Result.Items.Count) + s.District.Result.Items.Count);
        Assert.Equal(items, fixture.Scalar<long>("SELECT count(*) FROM score_item"));

        // The stored totals are the scorer's own, and the recreated table still refuses a row without its keys.
        var songjiang = RubricCatalog.Get("songjiang-2024");
        var q3 = new TownScorer(fixture.Connection).Score(songjiang, AssessmentPeriod.ForQuarter(2024, 3), store: false).Towns[0].Town;
        Assert.Equal(q3.Result.Total, fixture.Scalar<decimal>(
            "SELECT total FROM score_result WHERE rubric_id = 'songjiang-2024' AND period = '2024Q3' AND town_code = $1", q3.TownCode));
        Assert.Throws<DuckDBException>(() => Execute("INSERT INTO score_item (rubric_id) VALUES ('songjiang-2024')"));
    }

    private static string Describe(RubricInputs inputs) =>
        string.Join(";", inputs.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")) + "|" +
        string.Join(";", inputs.Previous.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")) + "|" +
        string.Join(";", inputs.Judgements.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => $"{j.Key}={j.Value.Score}"));

    private void Execute(string sql, params object?[] parameters) => WarehouseSql.Execute(fixture.Connection, sql, parameters);
}
