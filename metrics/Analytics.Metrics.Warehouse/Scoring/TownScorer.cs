using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>A district's scores for one rubric and period: the towns ranked 从高分到低分, and the district as a whole (全区).</summary>
public sealed record DistrictScore(Rubric Rubric, AssessmentPeriod Period, IReadOnlyList<RankedTown> Towns, TownResult District,
    IReadOnlyDictionary<string, IReadOnlyList<string>> MissingInputs)
{
    /// <summary>
    /// Whether the towns are ranked at all: the rubric scores 街镇 (not the district as a whole) and something is
    /// assessed in the period (an annual scheme viewed in a quarter ranks nobody).
    /// </summary>
    public bool IsRanked => Rubric.RanksTowns && District.Result.IsAssessed;

    /// <summary>Whether the ranking is final: every town's assessment is complete (no judgement pending).</summary>
    public bool IsRankingFinal => IsRanked && Towns.All(t => t.Town.Result.IsFinal);

    /// <summary>"排名为最终结果", "排名为暂计（尚有待评项）", or why there is no ranking.</summary>
    public string RankingNote => !Rubric.RanksTowns
        ? "本方案考核全区目标，街镇仅列贡献明细，不排名"
        : !District.Result.IsAssessed
            ? $"{RubricResult.AnnualOnly}，本期不排名"
            : IsRankingFinal ? "排名为最终结果" : "排名为暂计：尚有视情给分项待评，名次可能变化";
}

/// <summary>
/// Scores every town of a rubric's district from the warehouse (metric tables + stored judgements) with the pure rubric
/// engine, ranks them with <see cref="TownRanking"/>, and stores the results in score_result / score_item.
/// Call <see cref="Indicators.IndicatorEngine.Refresh(DuckDBConnection)"/> after a load first.
/// </summary>
public sealed class TownScorer(DuckDBConnection connection)
{
    public static DistrictScore Score(WarehouseDatabase warehouse, Rubric rubric, AssessmentPeriod period, bool store = true)
    {
        using var connection = warehouse.Connect();
        return new TownScorer(connection).Score(rubric, period, store);
    }

    public DistrictScore Score(Rubric rubric, AssessmentPeriod period, bool store = true)
    {
        var score = Evaluate(rubric, period, new RubricInputBuilder(connection).Build(rubric, period));
        if (store)
        {
            using var transaction = connection.BeginTransaction();
            ScoreStore.Replace(connection, [score]);
            transaction.Commit();
        }

        return score;
    }

    /// <summary>Every period of the rubric's year (the four quarters and the year), scored from one read of the inputs; not stored.</summary>
    public IReadOnlyList<DistrictScore> ScoreYear(Rubric rubric)
    {
        var periods = AssessmentPeriod.OfYear(rubric.Year);
        var inputs = new RubricInputBuilder(connection).Build(rubric, periods);
        return periods.Select(p => Evaluate(rubric, p, inputs[p])).ToList();
    }

    private static DistrictScore Evaluate(Rubric rubric, AssessmentPeriod period, IReadOnlyList<UnitInputs> inputs)
    {
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

        return new DistrictScore(rubric, period, TownRanking.Rank(towns), district!,
            inputs.Where(i => i.Missing.Count > 0).ToDictionary(i => i.Unit.Code, i => i.Missing));
    }
}
