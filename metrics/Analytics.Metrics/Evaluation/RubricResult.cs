namespace Analytics.Metrics;

/// <summary>How an item's score came about.</summary>
public enum ItemStatus
{
    /// <summary>已评分: computed from inputs or a recorded judgement.</summary>
    Scored,

    /// <summary>待评: a judgement item without a judgement; scores 0 until an evaluator records one.</summary>
    Pending,

    /// <summary>缺数据: a required input was not reported; scores 0.</summary>
    MissingInput,

    /// <summary>无上年基数: a growth rule without last year's value; scores as the rubric says (0 unless stated).</summary>
    NoBaseline,

    /// <summary>不适用: the rate has no cases (e.g. 0 requests); scores as the rubric says.</summary>
    NotApplicable,

    /// <summary>本期不考核: an annual item in a quarterly evaluation; counts neither score nor maximum.</summary>
    NotAssessed,
}

/// <summary>Chinese labels for <see cref="ItemStatus"/>.</summary>
public static class ItemStatusText
{
    public static string Label(this ItemStatus status) => status switch
    {
        ItemStatus.Scored => "已评分",
        ItemStatus.Pending => "待评",
        ItemStatus.MissingInput => "缺数据",
        ItemStatus.NoBaseline => "无上年基数",
        ItemStatus.NotApplicable => "不适用",
        _ => "本期不考核",
    };
}

/// <summary>Progress of an annual target (目标跟踪): value to date and projected year-end value.</summary>
public sealed record TargetProgress(decimal Target, decimal ToDate, decimal ProjectedYearEnd, int QuartersElapsed, bool OnTrack);

/// <summary>The score of one item with the inputs it used and a Chinese explanation of the arithmetic.</summary>
public sealed record ItemResult(
    string Code,
    string Name,
    string SectionCode,
    string RuleType,
    Frequency Frequency,
    ItemStatus Status,
    decimal Score,
    decimal Maximum,
    IReadOnlyDictionary<string, decimal?> Inputs,
    IReadOnlyDictionary<string, decimal?> Previous,
    string Explanation,
    Judgement? Judgement,
    TargetProgress? Target);

/// <summary>The score of one section.</summary>
public sealed record SectionResult(string Code, string Name, SectionKind Kind, decimal Score, decimal Maximum, string Explanation);

/// <summary>The full evaluation of one town (or district) against one rubric.</summary>
/// <param name="BaseScore">Sum of the standard sections.</param>
/// <param name="Total">BaseScore + Bonus + Deduction (Deduction is zero or negative).</param>
/// <param name="Maximum">Points assessable in this period (the rubric total for a year).</param>
public sealed record RubricResult(
    string RubricId,
    string RubricVersion,
    string Period,
    decimal BaseScore,
    decimal Bonus,
    decimal Deduction,
    decimal Total,
    decimal Maximum,
    Grade Grade,
    string GradeLabel,
    bool Vetoed,
    string? VetoReason,
    int PendingCount,
    int MissingCount,
    IReadOnlyList<SectionResult> Sections,
    IReadOnlyList<ItemResult> Items)
{
    public ItemResult Item(string code) =>
        Items.FirstOrDefault(i => i.Code == code) ?? throw new KeyNotFoundException($"未知评分项 {code} (unknown item code)");
}
