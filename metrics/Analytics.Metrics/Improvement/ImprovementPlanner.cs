using Analytics.Metrics.Rules;

namespace Analytics.Metrics.Improvement;

/// <summary>A 街镇 of the district with the inputs it is scored from.</summary>
public sealed record PlannerTown(string Code, string Name, RubricInputs Inputs);

/// <summary>The planner cannot answer for this rubric (e.g. a district target tracker ranks no 街镇).</summary>
public sealed class ImprovementNotApplicableException(string message) : Exception(message);

/// <summary>
/// 提分建议: for one 街镇, every item that lost points with the changes that earn them back (from the rule's parameters,
/// each measured by re-scoring), then the fewest item changes that reach the next grade and the next rank, found by
/// re-scoring the 街镇 and re-ranking it among the district's other 街镇 (ties share a rank, as on the scorecard).
/// </summary>
public static class ImprovementPlanner
{
    public static ImprovementPlan Plan(Rubric rubric, string townCode, IReadOnlyList<PlannerTown> towns)
    {
        if (!rubric.RanksTowns)
        {
            throw new ImprovementNotApplicableException(
                $"评分方案 {rubric.Id} 考核全区目标（目标跟踪，不评定等级、不排名），提分建议只适用于街镇考核方案；" +
                "请查看目标跟踪表中各目标的完成进度 (the planner applies to 街镇 rubrics only)");
        }

        var town = towns.FirstOrDefault(t => t.Code == townCode) ?? throw new ImprovementNotApplicableException(
            $"{rubric.District.Name}没有街镇 {townCode} (unknown town)");
        var results = towns.ToDictionary(t => t.Code, t => new TownResult(t.Code, t.Name, RubricEvaluator.Evaluate(rubric, t.Inputs)));
        var result = results[townCode].Result;
        var ranked = result.IsAssessed;
        int? rank = ranked ? RankOf(results.Values, townCode) : null;
        var scorer = new Rescorer(rubric, town.Inputs, result);
        var items = Suggestions(rubric, result, scorer).ToList();
        var paths = new List<ImprovementPath>();
        if (ranked)
        {
            var levers = items.SelectMany(i => i.Levers).ToList();
            paths.Add(GradePath(rubric, result, scorer, levers));
            paths.Add(RankPath(result, rank!.Value, scorer, levers, results, townCode));
        }

        return new ImprovementPlan(rubric.Id, (town.Inputs.Period ?? AssessmentPeriod.ForYear(rubric.Year)).ToString(), town.Code, town.Name,
            result, rank, towns.Count, ranked ? GradeOnPoints(rubric, result).Label() : null, Note(result), items, paths);
    }

    private static string Note(RubricResult r) => r.State switch
    {
        AssessmentState.Final => "已评定：各项得分已定，以下按最终结果计算",
        AssessmentState.Provisional =>
            $"暂计：尚有 {r.PendingCount} 项待评，总分可达 {Fmt.Num(r.LowestTotal)}–{Fmt.Num(r.HighestTotal)}；等级与名次按暂计总分（待评项记 0 分）推算，评定后可能变化",
        _ => $"{RubricResult.AnnualOnly}：本期不评等级、不排名，以下按截至 {r.Period} 的累计数据预估年度得分",
    };

    /// <summary>The grade the points alone give (pending judgements at 0); the scorer states a grade only when final.</summary>
    private static Grade GradeOnPoints(Rubric rubric, RubricResult r) => r.Vetoed ? Grade.Fail : rubric.Grades.Classify(r.Total, r.Maximum, rubric.Total);

    private static int RankOf(IEnumerable<TownResult> towns, string townCode) =>
        TownRanking.Rank(towns).Single(t => t.Town.TownCode == townCode).Rank;

    /// <summary>The points an item shows: its score, or for an annual item in a quarter its year-to-date preview.</summary>
    internal static decimal Effective(ItemResult i) => i.Status == ItemStatus.NotAssessed ? i.Projected ?? 0m : i.Score;

    private static IEnumerable<ItemSuggestion> Suggestions(Rubric rubric, RubricResult result, Rescorer scorer)
    {
        foreach (var item in rubric.Items)
        {
            var r = result.Item(item.Code);
            var lost = r.Maximum - Effective(r);
            if (lost <= 0m)
            {
                continue;
            }

            yield return item.Rule switch
            {
                JudgementRule j => Judgement(r, j, lost),
                _ when r.Status is ItemStatus.Pending or ItemStatus.MissingInput => Plain(r, lost,
                    $"{r.Status.Label()}：补齐数据或完成检查后按规则评分，可得 0–{Fmt.Num(r.Maximum)} 分"),
                _ when r.Status == ItemStatus.NoBaseline => Plain(r, lost, "无上年同期基数，本期数值的变化不改变得分"),
                _ => WithLevers(r, lost, scorer.Measure(item, new RuleLevers(rubric, item, Effective(r), scorer.View(item)).Candidates())),
            };
        }
    }

    private static ItemSuggestion Judgement(ItemResult r, JudgementRule rule, decimal lost)
    {
        var low = rule.Lowest;
        var high = rule.Highest(r.Maximum);
        var advice = r.Status switch
        {
            ItemStatus.Pending => $"视情给分，待评：可得 {Fmt.Num(low)}–{Fmt.Num(high)} 分，取决于评估人的评定",
            ItemStatus.NotAssessed => $"视情给分，年终评定：可得 {Fmt.Num(low)}–{Fmt.Num(high)} 分",
            _ => $"评估人已评 {Fmt.Num(r.Score)} 分（可评 {Fmt.Num(low)}–{Fmt.Num(high)} 分）；提升须以工作实绩请评估人复核",
        };
        return new ItemSuggestion(r.Code, r.Name, r.SectionCode, r.RuleType, r.Status, Effective(r), r.Maximum, lost, r.Explanation, advice, [],
            r.Status is ItemStatus.Pending or ItemStatus.NotAssessed ? low : r.Score, high);
    }

    private static ItemSuggestion Plain(ItemResult r, decimal lost, string advice) =>
        new(r.Code, r.Name, r.SectionCode, r.RuleType, r.Status, Effective(r), r.Maximum, lost, r.Explanation, advice, []);

    private static ItemSuggestion WithLevers(ItemResult r, decimal lost, IReadOnlyList<Lever> levers)
    {
        var advice = levers.Count == 0
            ? "按规则无单项数据变化可以提分（如无业务量按规定不得分）"
            : string.Join("；", levers.Select(l => $"{l.Text}，该项 +{Fmt.Num(l.ItemGain)} 分，总分 +{Fmt.Num(l.TotalGain)} 分"));
        return new ItemSuggestion(r.Code, r.Name, r.SectionCode, r.RuleType, r.Status, Effective(r), r.Maximum, lost, r.Explanation, advice, levers);
    }

    private static ImprovementPath GradePath(Rubric rubric, RubricResult result, Rescorer scorer, IReadOnlyList<Lever> levers)
    {
        var grade = GradeOnPoints(rubric, result);
        if (result.Vetoed)
        {
            return Unreachable("next_grade", "提升一个等级", result, "一票否决，等级为不合格，提分不改变等级");
        }

        if (grade == Grade.Excellent)
        {
            return Unreachable("next_grade", "提升一个等级", result, "已达优秀（按当前得分），无更高等级");
        }

        var goal = $"由{grade.Label()}升至{(grade - 1).Label()}";
        return Search("next_grade", goal, result, scorer, levers, r => GradeOnPoints(rubric, r) < grade,
            r => GradeOnPoints(rubric, r).Label(), _ => null);
    }

    private static ImprovementPath RankPath(RubricResult result, int rank, Rescorer scorer, IReadOnlyList<Lever> levers,
        IReadOnlyDictionary<string, TownResult> towns, string townCode)
    {
        if (rank == 1)
        {
            return Unreachable("next_rank", "提升名次", result, "已列第 1 名");
        }

        int NewRank(RubricResult r) => RankOf(towns.Values.Select(t => t.TownCode == townCode ? t with { Result = r } : t), townCode);
        return Search("next_rank", $"由第 {rank} 名升至第 {rank - 1} 名或更前", result, scorer, levers, r => NewRank(r) < rank, _ => null, r => NewRank(r));
    }

    private static ImprovementPath Unreachable(string goal, string text, RubricResult result, string note) =>
        new(goal, text, false, [], result.Total, result.Total, null, null, note);

    /// <summary>
    /// Adds items' full-score levers, largest total gain first, until the re-scored 街镇 meets the goal; then drops or
    /// shrinks to the next step each chosen item that the goal does not need, smallest gain first. The result uses the
    /// fewest items the greedy order finds and, within them, the smallest changes.
    /// </summary>
    private static ImprovementPath Search(string goal, string text, RubricResult result, Rescorer scorer, IReadOnlyList<Lever> levers,
        Func<RubricResult, bool> met, Func<RubricResult, string?> grade, Func<RubricResult, int?> rank)
    {
        var byItem = levers.GroupBy(l => l.ItemCode)
            .Select(g => (Full: g.OrderByDescending(l => l.TotalGain).First(), Small: g.Where(l => l.TotalGain > 0m).OrderBy(l => l.ItemGain).FirstOrDefault()))
            .Where(x => x.Full.TotalGain > 0m)
            .OrderByDescending(x => x.Full.TotalGain).ThenBy(x => x.Full.ItemCode, StringComparer.Ordinal).ToList();
        var chosen = new List<Lever>();
        RubricResult? after = null;
        foreach (var (full, _) in byItem)
        {
            chosen.Add(full);
            after = scorer.Apply(chosen);
            if (met(after))
            {
                break;
            }
        }

        if (after is null || !met(after))
        {
            var reachable = after is null ? "没有可通过数据提分的项目" : $"全部数据项提至满分后总分 {Fmt.Num(after.Total)}，仍未达到";
            return new ImprovementPath(goal, text, false, [], result.Total, result.Total, null, null,
                $"{reachable}；还须视情给分项的得分（由评估人评定）");
        }

        for (var i = chosen.Count - 1; i >= 0; i--)
        {
            var without = chosen.Where((_, k) => k != i).ToList();
            if (without.Count > 0 && met(scorer.Apply(without)))
            {
                chosen = without;
                continue;
            }

            if (byItem.First(x => x.Full.ItemCode == chosen[i].ItemCode).Small is { } small && small != chosen[i])
            {
                var smaller = chosen.Select((l, k) => k == i ? small : l).ToList();
                if (met(scorer.Apply(smaller)))
                {
                    chosen = smaller;
                }
            }
        }

        after = scorer.Apply(chosen);
        return new ImprovementPath(goal, text, true, chosen, result.Total, after.Total, grade(after), rank(after),
            $"改动 {chosen.Count} 项，总分由 {Fmt.Num(result.Total)} 升至 {Fmt.Num(after.Total)}（重新评分并与区内其他街镇重新排名）");
    }
}
