namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>One 街镇's contribution sheet (贡献明细): its figure behind each district target and its share of the district's, never a score.</summary>
public sealed record TownContribution(string TownCode, string TownName, IReadOnlyList<ContributionLine> Lines)
{
    /// <summary>Item code → the 街镇's own figure as shown ("42张", "12/40家", "—", "全区录入").</summary>
    public IReadOnlyDictionary<string, string> Figures { get; } = Lines.ToDictionary(l => l.Code, l => l.OwnText);
}

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
            .Select(t => new TownContribution(t.Town.TownCode, t.Town.TownName, ContributionSheet.Lines(rubric, t.Town.Result, score.District.Result)))
            .ToList();
        return new DistrictTracker(score, TargetTracker.Track(rubric, score.District.Result), towns);
    }

    /// <summary>The contribution sheet of one 街镇 by code; null for a code outside the district.</summary>
    public TownContribution? Town(string townCode) => Towns.FirstOrDefault(t => t.TownCode == townCode);

    /// <summary>Targets per status, e.g. "按进度 12 · 有风险 3 · 待录入 6".</summary>
    public string Summary => string.Join(" · ", Targets.GroupBy(t => t.Status).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>A row's cells in <see cref="Columns"/> order.</summary>
    public static string[] Cells(TrackedTarget t) => [t.Code, t.Name, t.ToDateText, t.TargetText, t.ProjectionText, t.Status, t.Source];
}
