using Analytics.Warehouse;
using System.Text.Json;
using Analytics.DuckDb;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>Writes district scores to score_result (one row per town and the district) and score_item (one row per item).</summary>
internal static class ScoreStore
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Replaces the stored rows of each score's rubric and period; call inside a transaction.</summary>
    public static void Replace(DuckDbConnection connection, IReadOnlyList<DistrictScore> scores)
    {
        foreach (var score in scores)
        {
            WarehouseSql.Execute(connection, "DELETE FROM score_result WHERE rubric_id = $1 AND period = $2", score.Rubric.Id, score.Period.ToString());
            WarehouseSql.Execute(connection, "DELETE FROM score_item WHERE rubric_id = $1 AND period = $2", score.Rubric.Id, score.Period.ToString());
        }

        Append(connection, scores);
    }

    /// <summary>Appends the scores' rows through one appender per table (an appender per score cost more than the scoring).</summary>
    public static void Append(DuckDbConnection connection, IEnumerable<DistrictScore> scores)
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
                var row = results.CreateRow().Append(score.Rubric.Id).Append(r.RubricVersion).Append(period).Append(level)
                    .Append(score.Rubric.District.Code).Append(town.TownCode).Append(town.TownName);
                (rank is { } k ? row.Append(k) : row.AppendNull())
                    .Append(r.Total).Append(r.BaseScore).Append(r.Bonus).Append(r.Deduction).Append(r.Maximum).Append(r.Grade?.Label())
                    .Append(r.Vetoed).Append(r.VetoReason).Append(r.PendingCount).Append(r.MissingCount).Append(now)
                    .Append(r.State.Code()).Append(r.LowestTotal).Append(r.HighestTotal)
                    .Append(string.Join("/", r.PossibleGrades.Select(g => g.Label()))).EndRow();
                foreach (var i in r.Items)
                {
                    var inputs = JsonSerializer.Serialize(new { current = i.Inputs, previous = i.Previous }, Json);
                    items.CreateRow().Append(score.Rubric.Id).Append(period).Append(town.TownCode).Append(i.Code).Append(i.Name)
                        .Append(i.SectionCode).Append(i.RuleType).Append(i.Status.Label()).Append(i.Score).Append(i.Maximum)
                        .Append(i.Explanation).Append(inputs).EndRow();
                }
            }
        }
    }
}
