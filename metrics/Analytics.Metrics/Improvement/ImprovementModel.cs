namespace Analytics.Metrics.Improvement;

/// <summary>One input set to a new value: what a 街镇 would have to report for a lever to pay.</summary>
/// <param name="Input">The rubric input name (e.g. hedui.civil_overdue).</param>
/// <param name="Label">Its Chinese meaning.</param>
public sealed record InputChange(string Input, string Label, decimal From, decimal To)
{
    public decimal Delta => To - From;
}

/// <summary>
/// One way to earn back points on an item (提分路径的一步): the input values it needs, and the points it earns, measured by
/// re-scoring the 街镇 with the change applied.
/// </summary>
/// <param name="ItemCode">The rubric item.</param>
/// <param name="Reach">"next" (the next step or tier of the rule) or "full" (the item's full score).</param>
/// <param name="Text">The change in Chinese, e.g. "民政救助类超期率 25.0% → ≤ 20%：超期件数由 25 减至 20（少 5 件）".</param>
/// <param name="ItemGain">Points the item gains (for an annual item in a quarter: its year-to-date preview).</param>
/// <param name="TotalGain">Points the 街镇's total gains (after section weights, caps and rounding).</param>
public sealed record Lever(string ItemCode, string Reach, string Text, IReadOnlyList<InputChange> Changes, decimal ItemGain, decimal TotalGain);

/// <summary>An item that lost points, why, and what earns them back.</summary>
/// <param name="Lost">Maximum minus score (for an annual item in a quarter: minus its preview).</param>
/// <param name="Advice">What the rule says about the lost points, in Chinese: the levers' summary, a judgement's open range,
/// or why no data change helps (no 同比 base, data missing).</param>
/// <param name="Cases">The findings behind a per-case deduction (filled by the warehouse layer; empty otherwise).</param>
public sealed record ItemSuggestion(
    string ItemCode,
    string ItemName,
    string SectionCode,
    string RuleType,
    ItemStatus Status,
    decimal Score,
    decimal Maximum,
    decimal Lost,
    string Explanation,
    string Advice,
    IReadOnlyList<Lever> Levers,
    decimal? OpenLowest = null,
    decimal? OpenHighest = null,
    IReadOnlyList<string>? Cases = null);

/// <summary>The cheapest set of levers found to reach a goal (next grade, next rank), with the re-scored outcome.</summary>
/// <param name="Goal">"next_grade" or "next_rank".</param>
/// <param name="Reached">False when the data items alone cannot reach the goal (then <see cref="Note"/> says why).</param>
public sealed record ImprovementPath(
    string Goal,
    string GoalText,
    bool Reached,
    IReadOnlyList<Lever> Levers,
    decimal TotalBefore,
    decimal TotalAfter,
    string? GradeAfter,
    int? RankAfter,
    string Note);

/// <summary>A 街镇's improvement plan (提分建议) for one rubric and period.</summary>
/// <param name="Note">Whether the period is final; a provisional or annual-preview plan says so.</param>
public sealed record ImprovementPlan(
    string RubricId,
    string Period,
    string TownCode,
    string TownName,
    RubricResult Result,
    int? Rank,
    int TownCount,
    string? GradeOnPoints,
    string Note,
    IReadOnlyList<ItemSuggestion> Items,
    IReadOnlyList<ImprovementPath> Paths)
{
    /// <summary>Points between the total and the period's maximum (item losses do not add up to it: sections are weighted and capped).</summary>
    public decimal BelowMaximum => Result.IsAssessed ? Result.Maximum - Result.Total : 0m;
}
