namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>One 街镇's figures behind the district's targets (item code → "42张", "—", "全区录入"): a breakdown, never a score.</summary>
public sealed record TownContribution(string TownCode, string TownName, IReadOnlyDictionary<string, string> Figures);

/// <summary>
/// A district target tracker (unit: district) for one period: one row per target for the district, and each 街镇's
/// contribution per target with no total, grade or rank. Every surface (page, export, API, CLI, briefing) reads this.
/// </summary>
public sealed record DistrictTracker(DistrictScore Score, IReadOnlyList<TrackedTarget> Targets, IReadOnlyList<TownContribution> Towns)
{
    public static readonly string[] Columns = ["编号", "目标", "截至本期", "年度目标", "全年预计", "状态", "来源"];

    /// <summary>The tracker of a district rubric's score; null for a rubric that scores 街镇.</summary>
    public static DistrictTracker? Of(DistrictScore score)
    {
        if (score.Rubric.RanksTowns)
        {
            return null;
        }

        var rubric = score.Rubric;
        var towns = score.Towns.OrderBy(t => t.Town.TownCode, StringComparer.Ordinal)
            .Select(t => new TownContribution(t.Town.TownCode, t.Town.TownName,
                rubric.Items.ToDictionary(i => i.Code, i => TargetTracker.Contribution(i, t.Town.Result.Item(i.Code), rubric))))
            .ToList();
        return new DistrictTracker(score, TargetTracker.Track(rubric, score.District.Result), towns);
    }

    /// <summary>Targets per status, e.g. "按进度 12 · 有风险 3 · 待录入 6".</summary>
    public string Summary => string.Join(" · ", Targets.GroupBy(t => t.Status).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>A row's cells in <see cref="Columns"/> order.</summary>
    public static string[] Cells(TrackedTarget t) => [t.Code, t.Name, t.ToDateText, t.TargetText, t.ProjectionText, t.Status, t.Source];
}
