using System.Globalization;
using Analytics.Metrics.Rules;

namespace Analytics.Metrics;

/// <summary>
/// One row of a district target tracker (unit: district): the value to date, the target, the projected year-end value,
/// the status and where the value comes from (数据 or 区局录入 with who and when).
/// </summary>
/// <param name="ToDate">The value so far (a rate in percent); null while 待录入 or 缺数据.</param>
/// <param name="Projection">Cumulative targets: the run rate to year end; level targets: the current value; entries: the entry.</param>
/// <param name="Status">In the year 按进度 / 有风险, at year end 已完成 / 未完成; 待录入 without a bureau entry; 缺数据 or
/// 无上年基数 where the data cannot decide.</param>
public sealed record TrackedTarget(
    string Code,
    string Name,
    decimal? ToDate,
    string ToDateText,
    string TargetText,
    decimal? Projection,
    string ProjectionText,
    string Status,
    string Source,
    decimal Score,
    decimal Maximum,
    string Explanation);

/// <summary>Builds the per-target tracker of a district result, and each 街镇's contribution to the targets.</summary>
public static class TargetTracker
{
    public const string FromData = "数据";
    public const string FromEntry = "区局录入";
    private const string None = "—";

    /// <summary>The tracker rows of the district's result, in the rubric's order.</summary>
    public static IReadOnlyList<TrackedTarget> Track(Rubric rubric, RubricResult district)
    {
        // Q4 closes the year like the whole year does (as TargetProgress.Status reads it).
        var yearEnd = !AssessmentPeriod.TryParse(district.Period, out var period) || period.QuartersElapsed == 4;
        return rubric.Items.Select(item => Row(item, district.Item(item.Code), yearEnd)).ToList();
    }

    private static TrackedTarget Row(RubricItem item, ItemResult result, bool yearEnd)
    {
        var source = item.Rule is EntryRule ? EntrySource(result.Judgement) : FromData;
        string Status(bool met) => yearEnd ? (met ? "已完成" : "未完成") : (met ? "按进度" : "有风险");
        TrackedTarget Make(decimal? toDate, string toDateText, string target, decimal? projection, string projectionText, string status) =>
            new(item.Code, item.Name, toDate, toDateText, target, projection, projectionText, status, source, result.Score, result.Maximum,
                result.Explanation);

        switch (item.Rule)
        {
            case EntryRule entry when result.Target is { } p:
                return Make(p.ToDate, entry.ValueText(p.ToDate), entry.IsYesNo ? "是" : $"{(entry.AtMost ? "≤ " : "")}{entry.ValueText(entry.Target)}",
                    p.ProjectedYearEnd, entry.ValueText(p.ProjectedYearEnd), p.Status);
            case EntryRule entry:
                return Make(null, EntryRule.PendingText, entry.IsYesNo ? "是" : $"{(entry.AtMost ? "≤ " : "")}{entry.ValueText(entry.Target)}",
                    null, None, EntryRule.PendingText);
            case TargetRule target when result.Target is { } p:
                return Make(p.ToDate, target.ValueText(p.ToDate), target.TargetText, p.ProjectedYearEnd, target.ValueText(p.ProjectedYearEnd), p.Status);
            case TargetRule target:
                return Make(null, result.Status.Label(), target.TargetText, null, None, result.Status.Label());
            case GrowthRule growth:
            {
                var rate = Rate(item, result.Inputs);
                var before = Rate(item, result.Previous);
                var text = rate is { } r ? Fmt.Pct(r) : result.Status.Label();
                var targetText = $"{(growth.Increase ? "高于" : "低于")}上年同期" + (before is { } b ? $"（{Fmt.Pct(b)}）" : "");
                var status = result.Status == ItemStatus.Scored ? Status(result.Score > 0m) : result.Status.Label();
                return Make(rate, text, targetText, rate, rate is { } v ? Fmt.Pct(v) : None, status);
            }

            default:
                return Make(null, None, None, null, None, result.Status.Label());
        }
    }

    private static string EntrySource(Judgement? entry)
    {
        if (entry is null)
        {
            return FromEntry + "（未录入）";
        }

        var when = entry.RecordedAt is { } at ? "，" + at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
        var period = entry.Period is { } p ? $"，{p} 录入" : "";
        return $"{FromEntry}（{entry.Evaluator}{when}{period}）";
    }

    // A rate in percent, rounded to 0.01 for display; null when either part is missing or the denominator is 0.
    private static decimal? Rate(RubricItem item, IReadOnlyDictionary<string, decimal?> values) =>
        item.Inputs.TryGetValue("numerator", out var n) && item.Inputs.TryGetValue("denominator", out var d)
        && values.GetValueOrDefault(n) is { } num && values.GetValueOrDefault(d) is { } den && den != 0m
            ? ExactMath.RoundScore(num * 100m / den)
            : null;

    /// <summary>
    /// A 街镇's contribution to one target: its own figure of the target's input (beds added, stations built), or
    /// "全区录入" for a target only the bureau enters. Never a score: the targets are the district's.
    /// </summary>
    public static string Contribution(RubricItem item, ItemResult town, Rubric rubric)
    {
        if (item.Rule is EntryRule)
        {
            return "全区录入";
        }

        string Value(string role) => item.Inputs.TryGetValue(role, out var name) && town.Inputs.GetValueOrDefault(name) is { } v
            ? Fmt.Num(v) + (rubric.FindInput(name)?.Unit ?? "")
            : None;

        if (item.Inputs.ContainsKey("numerator"))
        {
            var num = item.Inputs["numerator"];
            var den = item.Inputs["denominator"];
            return town.Inputs.GetValueOrDefault(num) is { } n && town.Inputs.GetValueOrDefault(den) is { } d
                ? $"{Fmt.Num(n)}/{Fmt.Num(d)}{rubric.FindInput(den)?.Unit ?? ""}"
                : None;
        }

        return Value(item.Inputs.ContainsKey("progress") ? "progress" : "value");
    }
}
