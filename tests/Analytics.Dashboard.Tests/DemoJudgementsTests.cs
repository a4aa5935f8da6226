using DuckDB.NET.Data;
using Analytics.Dashboard.Hosting;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Tests;

/// <summary>The demo's 视情给分, recorded once on a warehouse without judgements, so the demo scorecards rank 街镇 apart.</summary>
public sealed class DemoJudgementsTests : IDisposable
{
    private readonly DemoWarehouse _demo = DashboardFixture.CreateDemo("analytics-demo-judgements");

    public void Dispose() => _demo.Delete();

    [Fact]
    public void Every_judgement_item_of_every_town_and_period_with_data_is_scored_once_and_never_again()
    {
        var warehouse = WarehouseDatabase.Open(_demo.DatabasePath);
        using var connection = warehouse.Connect();

        var recorded = DemoJudgements.SeedIfEmpty(connection);

        // The demo holds 2024Q3–Q4: the 2024 rubrics get both quarters and the year; 长宁's 2023 rubric gets nothing.
        var expected = RubricCatalog.All.Where(r => r.Year == 2024).Sum(r =>
        {
            var judged = r.Items.Where(i => i.Rule is JudgementRule).ToList();
            var towns = Count(connection, $"SELECT count(DISTINCT town_code) FROM dim_region WHERE district_code = '{r.District.Code}' AND valid_to IS NULL");
            return towns * (2 * judged.Count(i => i.Frequency != Frequency.Annual) + judged.Count);
        });
        Assert.Equal(expected, recorded);
        Assert.Equal(expected, Count(connection, $"SELECT count(*) FROM judgement WHERE evaluator = '{DemoJudgements.Evaluator}'"));
        Assert.Equal(expected, Count(connection, "SELECT count(*) FROM judgement_history WHERE old_score IS NULL"));
        Assert.Equal(0, DemoJudgements.SeedIfEmpty(connection));

        IndicatorEngine.RefreshIfStale(connection);
        Assert.True(AssessmentPeriod.TryParse("2024Q4", out var period));
        var score = new TownScorer(connection).Score(RubricCatalog.Get("songjiang-2024"), period, store: false);
        Assert.DoesNotContain(score.Towns.SelectMany(t => t.Town.Result.Items), i => i.Status == ItemStatus.Pending);
        Assert.True(score.Towns.Select(t => t.Town.Result.Total).Distinct().Count() > score.Towns.Count / 2,
            "the demo judgements should rank the 街镇 apart: " + string.Join(", ", score.Towns.Select(t => t.Town.Result.Total)));
    }

    private static int Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
