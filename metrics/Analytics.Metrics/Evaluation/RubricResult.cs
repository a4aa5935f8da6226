using Analytics.Metrics.Rules;

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
public sealed record TargetProgress(decimal Target, decimal ToDate, decimal ProjectedYearEnd, int QuartersElapsed, bool OnTrack)
{
    /// <summary>In the year 按进度 / 有风险 (from the projection); at year end 已完成 / 未完成 (from the result).</summary>
    public string Status => QuartersElapsed == 4 ? (OnTrack ? "已完成" : "未完成") : (OnTrack ? "按进度" : "有风险");
}

/// <summary>The score of one item with the inputs it used and a Chinese explanation of the arithmetic.</summary>
/// <param name="Projected">For an annual item viewed in a quarter: the score its year-to-date inputs would earn (no
/// part of any total); null otherwise.</param>
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
    TargetProgress? Target,
    decimal? Projected = null);

/// <summary>The score of one section.</summary>
public sealed record SectionResult(string Code, string Name, SectionKind Kind, decimal Score, decimal Maximum, string Explanation);

/// <summary>The full evaluation of one town (or district) against one rubric.</summary>
/// <param name="BaseScore">Sum of the standard sections.</param>
/// <param name="Total">BaseScore + Bonus + Deduction (Deduction is zero or negative); pending judgements count 0.</param>
/// <param name="Maximum">Points assessable in this period (the rubric total for a year).</param>
/// <param name="Grade">Only when the assessment is <see cref="AssessmentState.Final"/>.</param>
/// <param name="GradeLabel">The grade, or "等级待定" while provisional, or "不评定等级" when nothing is assessed this period.</param>
/// <param name="LowestTotal">The lowest total the pending judgements can still lead to (equal to Total when final).</param>
/// <param name="HighestTotal">The highest total the pending judgements can still lead to.</param>
/// <param name="PossibleGrades">Every grade still reachable, best first; the one grade when final, none when not assessed.</param>
public sealed record RubricResult(
    string RubricId,
    string RubricVersion,
    string Period,
    AssessmentState State,
    decimal BaseScore,
    decimal Bonus,
    decimal Deduction,
    decimal Total,
    decimal Maximum,
    decimal LowestTotal,
    decimal HighestTotal,
    Grade? Grade,
    string GradeLabel,
    IReadOnlyList<Grade> PossibleGrades,
    bool Vetoed,
    string? VetoReason,
    int PendingCount,
    int MissingCount,
    IReadOnlyList<SectionResult> Sections,
    IReadOnlyList<ItemResult> Items)
{
    /// <summary>What is said when a scheme is not assessed in the period viewed.</summary>
    public const string AnnualOnly = "年度考核，12 月评定";

    public bool IsFinal => State == AssessmentState.Final;

    public bool IsAssessed => State != AssessmentState.NotAssessed;

    /// <summary>
    /// The one line a leader reads: "总分 85（满分 100）· 良好", "暂计 62.5（待评 24 项，可达 62.5–96.5）· 等级待定"
    /// or "年度考核，12 月评定".
    /// </summary>
    public string Headline => State switch
    {
        AssessmentState.Final => $"总分 {Fmt.Num(Total)}（满分 {Fmt.Num(Maximum)}）· {GradeLabel}",
        AssessmentState.Provisional =>
            $"暂计 {Fmt.Num(Total)}（待评 {PendingCount} 项，可达 {Fmt.Num(LowestTotal)}–{Fmt.Num(HighestTotal)}）· {GradeLabel}" +
            (PossibleGrades.Count > 0 ? $"（可能为{string.Join("/", PossibleGrades.Select(g => g.Label()))}）" : ""),
        _ => AnnualOnly,
    };

    public ItemResult Item(string code) =>
        Items.FirstOrDefault(i => i.Code == code) ?? throw new KeyNotFoundException($"未知评分项 {code} (unknown item code)");
}
