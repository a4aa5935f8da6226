namespace Analytics.Metrics.Rules;

/// <summary>每发现 1 例扣 x 分，扣完为止: starts from the item's full score and never goes below zero.</summary>
public sealed class PerCaseDeductionRule : IRubricRule
{
    private PerCaseDeductionRule(string? label, decimal perCase)
    {
        Label = label;
        PerCase = perCase;
    }

    public string Type => "per_case_deduction";
    public string? Label { get; }
    public decimal PerCase { get; }

    internal static IRubricRule Create(RuleSpec s)
    {
        s.RequireRoles("count");
        return new PerCaseDeductionRule(s.P.Label, s.Require(s.P.PerCase, "per_case"));
    }

    public string Describe(decimal maximum) => $"满分 {Fmt.Num(maximum)} 分，每发现 1 例扣 {Fmt.Num(PerCase)} 分，扣完为止";

    public RuleOutcome Evaluate(RuleContext c)
    {
        if (c.Count("count") is not { } count)
        {
            return c.Missing("count");
        }

        var label = Label ?? c.Label("count");
        if (count == 0m)
        {
            return new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{label} 0 例，得满分 {Fmt.Num(c.Maximum)} 分");
        }

        var deducted = count * PerCase;
        var score = Math.Max(0m, c.Maximum - deducted);
        var floor = score == 0m ? "，扣完为止" : "";
        return new RuleOutcome(score, ItemStatus.Scored,
            $"{label} {Fmt.Num(count)} 例，每例扣 {Fmt.Num(PerCase)} 分，共扣 {Fmt.Num(deducted)} 分{floor}，得 {Fmt.Num(score)} 分");
    }
}
