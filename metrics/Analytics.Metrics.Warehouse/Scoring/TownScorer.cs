using System.Diagnostics;
using System.Text.Json;
using Analytics.DuckDb;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>A district's scores for one rubric and period: the towns ranked 从高分到低分, and the district as a whole (全区).</summary>
public sealed record DistrictScore(Rubric Rubric, AssessmentPeriod Period, IReadOnlyList<RankedTown> Towns, TownResult District,
    IReadOnlyDictionary<string, IReadOnlyList<string>> MissingInputs);

/// <summary>
/// Scores every town of a rubric's district from the warehouse (metric tables + stored judgements) with the pure rubric
/// engine, ranks them with <see cref="TownRanking"/>, and stores the results in score_result / score_item.
/// Call <see cref="Indicators.IndicatorEngine.Refresh(DuckDbConnection)"/> after a load first.
/// </summary>
public sealed class TownScorer(DuckDbConnection connection)
{
    public static DistrictScore Score(WarehouseDatabase warehouse, Rubric rubric, AssessmentPeriod period, bool store = true)
    {
        using var connection = warehouse.Connect();
        return new TownScorer(connection).Score(rubric, period, store);
    }

    // Set while ScoreAll holds one transaction around many stores (one commit instead of one per district and period).
    internal bool InOuterTransaction { get; set; }

    public DistrictScore Score(Rubric rubric, AssessmentPeriod period, bool store = true)
    {
        var inputs = new RubricInputBuilder(connection).Build(rubric, period);
        var towns = new List<TownResult>();
        TownResult? district = null;
        foreach (var unit in inputs)
        {
            var result = new TownResult(unit.Unit.Code, unit.Unit.Name, RubricEvaluator.Evaluate(rubric, unit.Inputs));
            if (unit.Unit.IsDistrict)
            {
                district = result;
            }
            else
            {
                towns.Add(result);
            }
        }

        var score = new DistrictScore(rubric, period, TownRanking.Rank(towns), district!,
            inputs.Where(i => i.Missing.Count > 0).ToDictionary(i => i.Unit.Code, i => i.Missing));
        if (store)
        {
            Store(score);
        }

        return score;
    }

    /// <summary>Every period of the rubric's year (the four quarters and the year), scored and stored.</summary>
    public IReadOnlyList<DistrictScore> ScoreYear(Rubric rubric)
    {
        var periods = Enumerable.Range(1, 4).Select(q => AssessmentPeriod.ForQuarter(rubric.Year, q)).Append(AssessmentPeriod.ForYear(rubric.Year));
        return periods.Select(p => Score(rubric, p)).ToList();
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private void Store(DistrictScore score)
    {
        var now = DateTime.UtcNow;
        var period = score.Period.ToString();
        using var transaction = InOuterTransaction ? null : connection.BeginTransaction();
        Sql.Execute(connection, "DELETE FROM score_result WHERE rubric_id = $1 AND period = $2", score.Rubric.Id, period);
        Sql.Execute(connection, "DELETE FROM score_item WHERE rubric_id = $1 AND period = $2", score.Rubric.Id, period);
        using (var results = connection.CreateAppender("score_result"))
        using (var items = connection.CreateAppender("score_item"))
        {
            var rows = score.Towns.Select(t => (Level: "town", Rank: (int?)t.Rank, t.Town)).Append(("district", null, score.District));
            foreach (var (level, rank, town) in rows)
            {
                var r = town.Result;
                var row = results.CreateRow().Append(score.Rubric.Id).Append(r.RubricVersion).Append(period).Append(level)
                    .Append(score.Rubric.District.Code).Append(town.TownCode).Append(town.TownName);
                (rank is { } k ? row.Append(k) : row.AppendNull())
                    .Append(r.Total).Append(r.BaseScore).Append(r.Bonus).Append(r.Deduction).Append(r.Maximum).Append(r.GradeLabel)
                    .Append(r.Vetoed).Append(r.VetoReason).Append(r.PendingCount).Append(r.MissingCount).Append(now).EndRow();
                foreach (var i in r.Items)
                {
                    var inputs = JsonSerializer.Serialize(new { current = i.Inputs, previous = i.Previous }, Json);
                    items.CreateRow().Append(score.Rubric.Id).Append(period).Append(town.TownCode).Append(i.Code).Append(i.Name)
                        .Append(i.SectionCode).Append(i.RuleType).Append(i.Status.Label()).Append(i.Score).Append(i.Maximum)
                        .Append(i.Explanation).Append(inputs).EndRow();
                }
            }
        }

        transaction?.Commit();
    }
}

/// <summary>Scores every shipped rubric for every town and period of its year; what `bench score` and the host call after a load.</summary>
public static class ScoreAll
{
    public static (int Results, TimeSpan Elapsed) Run(DuckDbConnection connection, IEnumerable<Rubric>? rubrics = null)
    {
        var clock = Stopwatch.StartNew();
        var scorer = new TownScorer(connection) { InOuterTransaction = true };
        var count = 0;
        using var transaction = connection.BeginTransaction();
        foreach (var rubric in rubrics ?? RubricCatalog.All)
        {
            count += scorer.ScoreYear(rubric).Sum(s => s.Towns.Count + 1);
        }

        transaction.Commit();
        return (count, clock.Elapsed);
    }
}
