namespace Analytics.Metrics.Rules;

/// <summary>Builds a rule from its YAML type name; the one place that lists the rule types.</summary>
internal static class RuleFactory
{
    private static readonly Dictionary<string, Func<RuleSpec, IRubricRule?>> Builders = new()
    {
        ["judgement"] = JudgementRule.Create,
        ["threshold_step"] = ThresholdStepRule.Create,
        ["threshold"] = ThresholdRule.Create,
        ["tiered"] = TieredRule.Create,
        ["ratio_to_target"] = RatioToTargetRule.Create,
        ["growth"] = GrowthRule.Create,
        ["per_case_deduction"] = PerCaseDeductionRule.Create,
        ["capped_sum"] = CappedSumRule.Create,
        ["yes_no"] = YesNoRule.Create,
        ["penalty"] = PenaltyRule.Create,
        ["target"] = TargetRule.Create,
        ["entry"] = EntryRule.Create,
    };

    public static IReadOnlyCollection<string> Types => Builders.Keys;

    public static IRubricRule? Create(string type, RuleSpec spec)
    {
        if (Builders.TryGetValue(type, out var build))
        {
            return build(spec);
        }

        spec.Error($"未知规则类型 {type}，可用：{string.Join(", ", Builders.Keys)} (unknown rule type '{type}')");
        return null;
    }
}
