using Analytics.Warehouse;
using System.Diagnostics;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>Scores every shipped rubric for every town and period of its year; what `bench score` and the host call after a load.</summary>
public static class ScoreAll
{
    /// <summary>
    /// Scores <paramref name="rubrics"/> (default: the whole catalog) and stores the results in one transaction. Scoring the
    /// whole catalog replaces the score tables outright, so they then hold exactly the shipped rubrics' current results.
    /// </summary>
    public static (int Results, TimeSpan Elapsed) Run(DuckDBConnection connection, IEnumerable<Rubric>? rubrics = null)
    {
        var clock = Stopwatch.StartNew();
        var scorer = new TownScorer(connection);
        var scores = (rubrics ?? RubricCatalog.All).SelectMany(scorer.ScoreYear).ToList();
        using var transaction = connection.BeginTransaction();
        if (rubrics is null)
        {
            // Deleting every stored row and appending them again made the commit slower than the scoring itself.
            WarehouseSql.RecreateEmpty(connection, "score_result");
            WarehouseSql.RecreateEmpty(connection, "score_item");
            ScoreStore.Append(connection, scores);
        }
        else
        {
            ScoreStore.Replace(connection, scores);
        }

        transaction.Commit();
        return (scores.Sum(s => s.Towns.Count + 1), clock.Elapsed);
    }
}
