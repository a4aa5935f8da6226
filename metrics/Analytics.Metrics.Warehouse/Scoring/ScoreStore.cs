using Analytics.Warehouse;
using System.Text.Json;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>Writes district scores to score_result (one row per town and the district) and score_item (one row per item).</summary>
internal static class ScoreStore
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Replaces the stored rows of each score's rubric and period; call inside a transaction.</summary>
    public static void Replace(DuckDBConnection connection, IReadOnlyList<DistrictScore> scores)
    {
        foreach (var score in scores)
        {
            WarehouseSql.Execute(connection, "DELETE FROM score_result WHERE rubric_id = $1 AND period = $2", score.Rubric.Id, score.Period.ToString());
            WarehouseSql.Execute(connection, "DELETE FROM score_item WHERE rubric_id = $1 AND period = $2", score.Rubric.Id, score.Period.ToString());
        }

        Append(connection, scores);
    }

    /// <summary>Appends the scores' rows through one appender per table (an appender per score cost more than the scoring).</summary>
    public static void Append(DuckDBConnection connection, IEnumerable<DistrictScore> scores)
    {
        var now = DateTime.UtcNow;
        using var results = connection.CreateAppender("score_result");
        using var items = connection.CreateAppender("score_item");
        foreach (var score in scores)
        {
            var period = score.Period.ToString();
            var rows = score.Towns.Select(t => (Level: "town", Rank: score.IsRanked ? (int?)t.Rank : null, t.Town))
                .Append(("district", null, score.District));
            foreach (var (level, rank, town) in rows)
            {
                var r = town.Result;
                var row = results.CreateRow().AppendValue(score.Rubric.Id).AppendValue(r.RubricVersion).AppendValue(period).AppendValue(level)
                    .AppendValue(score.Rubric.District.Code).AppendValue(town.TownCode).AppendValue(town.TownName);
                (rank is { } k ? row.AppendValue(k) : row.AppendNullValue())
                    .AppendValue(r.Total).AppendValue(r.BaseScore).AppendValue(r.Bonus).AppendValue(r.Deduction).AppendValue(r.Maximum).AppendValue(r.Grade?.Label())
                    .AppendValue(r.Vetoed).AppendValue(r.VetoReason).AppendValue(r.PendingCount).AppendValue(r.MissingCount).AppendValue(now)
                    .AppendValue(r.State.Code()).AppendValue(r.LowestTotal).AppendValue(r.HighestTotal)
                    .AppendValue(string.Join("/", r.PossibleGrades.Select(g => g.Label()))).EndRow();
                foreach (var i in r.Items)
                {
                    var inputs = JsonSerializer.Serialize(new { current = i.Inputs, previous = i.Previous }, Json);
                    items.CreateRow().AppendValue(score.Rubric.Id).AppendValue(period).AppendValue(town.TownCode).AppendValue(i.Code).AppendValue(i.Name)
                        .AppendValue(i.SectionCode).AppendValue(i.RuleType).AppendValue(i.Status.Label()).AppendValue(i.Score).AppendValue(i.Maximum)
                        .AppendValue(i.Explanation).AppendValue(inputs).EndRow();
                }
            }
        }
    }
}
