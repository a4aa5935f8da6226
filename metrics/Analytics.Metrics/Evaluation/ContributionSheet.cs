using Analytics.Metrics.Rules;

namespace Analytics.Metrics;

/// <summary>
/// One target's line of a 街镇's contribution sheet (贡献明细) under a district target tracker: the 街镇's own figure
/// to date, the district's figure of the same count, and the 街镇's share of it. Never a score: the targets are the district's.
/// </summary>
/// <param name="Measure">The count the share is taken of (for a rate, its numerator: 护理型床位数, 已评社会组织数).</param>
/// <param name="Own">The 街镇's count to date; null for a target only the bureau enters, or when the 街镇 has no figure.</param>
/// <param name="OwnText">As the tracker shows it: "42张", a rate's parts "12/40家", or "全区录入".</param>
/// <param name="District">The district's count to date, including what belongs to no 街镇 (district-level organisations).</param>
/// <param name="SharePercent">Own ÷ District × 100, rounded to 0.01; null when either is missing or the district's is 0.</param>
public sealed record ContributionLine(
    string Code,
    string Name,
    string Measure,
    decimal? Own,
    string OwnText,
    decimal? District,
    string DistrictText,
    decimal? SharePercent)
{
    public string ShareText => SharePercent is { } s ? Fmt.Pct(s) : "—";
}

/// <summary>Builds a 街镇's contribution sheet from its result and the district's, in the rubric's order.</summary>
public static class ContributionSheet
{
    private const string None = "—";

    public static IReadOnlyList<ContributionLine> Lines(Rubric rubric, RubricResult town, RubricResult district) =>
        rubric.Items.Select(item => Line(rubric, item, town.Item(item.Code), district.Item(item.Code))).ToList();

    private static ContributionLine Line(Rubric rubric, RubricItem item, ItemResult town, ItemResult district)
    {
        var ownText = TargetTracker.Contribution(item, town, rubric);
        if (item.Rule is EntryRule || CountInput(item) is not { } input)
        {
            return new ContributionLine(item.Code, item.Name, "全区录入", null, ownText, null, None, null);
        }

        var meaning = rubric.FindInput(input);
        var unit = meaning?.Unit ?? "";
        var own = town.Inputs.GetValueOrDefault(input);
        var whole = district.Inputs.GetValueOrDefault(input);
        var share = own is { } o && whole is { } w && w != 0m ? ExactMath.RoundScore(o * 100m / w) : (decimal?)null;
        return new ContributionLine(item.Code, item.Name, meaning?.Meaning ?? input, own, ownText, whole,
            whole is { } d ? Fmt.Num(d) + unit : None, share);
    }

    // The count a 街镇's share is taken of: a cumulative target's progress, a level target's value, a rate's numerator.
    private static string? CountInput(RubricItem item) =>
        item.Inputs.GetValueOrDefault("progress") ?? item.Inputs.GetValueOrDefault("value") ?? item.Inputs.GetValueOrDefault("numerator");
}
