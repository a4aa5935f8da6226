namespace Analytics.Metrics.Rules;

/// <summary>每例 x 分，封顶 y 分: points per case up to the item's cap.</summary>
public sealed class CappedSumRule : IRubricRule
{
    private CappedSumRule(string? label, decimal perCase)
    {
        Label = label;
        PerCase = perCase;
    }

    public string Type => "capped_sum";
    public string? Label { get; }
    public decimal PerCase { get; }

    internal static IRubricRule Create(RuleSpec s)
    {
        s.RequireRoles("count");
        var cap = s.Require(s.P.Cap, "cap");
        if (s.P.Cap is not null && cap != s.Maximum)
        {
            s.Error($"参数 cap ({Fmt.Num(cap)}) 应等于评分项满分 max ({Fmt.Num(s.Maximum)}) (cap must equal the item maximum)");
        }

        return new CappedSumRule(s.P.Label, s.Require(s.P.PerCase, "per_case"));
    }

    public string Describe(decimal maximum) => $"每例得 {Fmt.Num(PerCase)} 分，封顶 {Fmt.Num(maximum)} 分；无则不得分";

    public RuleOutcome Evaluate(RuleContext c)
    {
        if (c.Count("count") is not { } count)
        {
            return c.Missing("count");
        }

        var label = Label ?? c.Label("count");
        var sum = count * PerCase;
        var score = Math.Min(c.Maximum, sum);
        var cap = sum > c.Maximum ? $"，封顶 {Fmt.Num(c.Maximum)} 分" : "";
        return new RuleOutcome(score, ItemStatus.Scored,
            $"{label} {Fmt.Num(count)} 例，每例 {Fmt.Num(PerCase)} 分，合计 {Fmt.Num(sum)} 分{cap}，得 {Fmt.Num(score)} 分");
    }
}
