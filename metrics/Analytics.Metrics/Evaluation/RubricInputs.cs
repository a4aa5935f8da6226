namespace Analytics.Metrics;

/// <summary>An evaluator's score for a 视情给分 item, or the bureau's value for a 区局录入 target: who gave it and why.</summary>
/// <param name="RecordedAt">When it was recorded (UTC), where read from the store.</param>
/// <param name="Period">The period it was recorded for; a bureau entry carries forward to later periods of the year.</param>
public sealed record Judgement(decimal Score, string Evaluator, string Reason, DateTime? RecordedAt = null, string? Period = null);

/// <summary>Everything one town's evaluation needs: measured values, judgements and last year's values.</summary>
/// <param name="Values">Input name → value; null means "not reported".</param>
/// <param name="Judgements">Item code → evaluator's judgement.</param>
/// <param name="Previous">Input name → value for the same period of the previous year (同比基数).</param>
/// <param name="Period">The period scored; null means the rubric's whole year.</param>
/// <param name="Gaps">Input name → why it has no value yet (an inspection not closed, a ledger not submitted); an item
/// reading such an input takes the gap's status and reason instead of a rule's reading of an absent value.</param>
/// <param name="BaseGaps">Input name → what its 同比 comparison lacks (e.g. "上年同期缺 2023Q2 社会救助信息系统数据"); absent when complete.</param>
/// <param name="YearToDate">Input name → value from the start of the year to the end of a quarter; the preview of an
/// annual item in a quarter is computed from these (null: use <paramref name="Values"/>).</param>
/// <param name="PreviousYearToDate">The same for the previous year (the 同比 base of the preview).</param>
public sealed record RubricInputs(
    IReadOnlyDictionary<string, decimal?> Values,
    IReadOnlyDictionary<string, Judgement> Judgements,
    IReadOnlyDictionary<string, decimal?> Previous,
    AssessmentPeriod? Period = null,
    IReadOnlyDictionary<string, InputGap>? Gaps = null,
    IReadOnlyDictionary<string, string>? BaseGaps = null,
    IReadOnlyDictionary<string, decimal?>? YearToDate = null,
    IReadOnlyDictionary<string, decimal?>? PreviousYearToDate = null)
{
    public InputGap? GapOf(string name) => Gaps is not null && Gaps.TryGetValue(name, out var gap) ? gap : null;

    /// <summary>The inputs as an annual item sees them part-way through the year: year-to-date values.</summary>
    public RubricInputs AsYearToDate() => this with
    {
        Values = YearToDate ?? Values,
        Previous = PreviousYearToDate ?? Previous,
    };

    public static RubricInputs Empty { get; } = new(
        new Dictionary<string, decimal?>(), new Dictionary<string, Judgement>(), new Dictionary<string, decimal?>());
}

/// <summary>Why an input has no value: <see cref="ItemStatus.Pending"/> (待评, the bureau has not finished inspecting) or
/// <see cref="ItemStatus.MissingInput"/> (缺数据, e.g. a 街镇 that submitted no ledger).</summary>
public sealed record InputGap(ItemStatus Status, string Reason);
