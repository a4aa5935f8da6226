using Analytics.Metrics.Rules;

namespace Analytics.Metrics;

/// <summary>Whether an item is scored every quarter (季度考) or once a year (年度考).</summary>
public enum Frequency
{
    Quarterly,
    Annual,
}

/// <summary>One scored line of a rubric (评分项).</summary>
/// <param name="Inputs">Role in the rule (e.g. "numerator") → input name (e.g. "hedui.civil_overdue").</param>
/// <param name="Owner">The bureau section (科室) that scores the item, when the notice names it.</param>
/// <param name="Criteria">The notice's own wording of the scoring rule, for checking against the source.</param>
/// <param name="Note">Where the notice leaves a detail open: the choice made and its reason.</param>
public sealed record RubricItem(
    string Code,
    string Name,
    string SectionCode,
    string? Owner,
    Frequency Frequency,
    decimal Maximum,
    IRubricRule Rule,
    IReadOnlyDictionary<string, string> Inputs,
    string? Criteria,
    string? Note);

/// <summary>Chinese labels for <see cref="Frequency"/>.</summary>
public static class FrequencyText
{
    public static string Label(this Frequency frequency) => frequency == Frequency.Quarterly ? "季度考" : "年度考";
}
