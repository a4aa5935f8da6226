namespace Analytics.Metrics.Rules;

/// <summary>是否达标: input 1 (是) scores full, 0 (否) scores nothing.</summary>
public sealed class YesNoRule : IRubricRule
{
    private YesNoRule(string? label) => Label = label;

    public string Type => "yes_no";
    public string? Label { get; }

    internal static IRubricRule Create(RuleSpec s)
    {
        s.RequireRoles("value");
        return new YesNoRule(s.P.Label);
    }

    public string Describe(decimal maximum) => $"是（1）得 {Fmt.Num(maximum)} 分，否（0）不得分";

    public RuleOutcome Evaluate(RuleContext c)
    {
        if (c.Value("value") is not { } v)
        {
            return c.Missing("value");
        }

        if (v != 0m && v != 1m)
        {
            throw new RubricInputException(
                $"输入项 {c.InputName("value")} 的值 {Fmt.Num(v)} 无效，评分项 {c.Item.Code} 只接受 1（是）或 0（否） " +
                $"(input '{c.InputName("value")}' must be 1 or 0)");
        }

        var label = Label ?? c.Label("value");
        return v == 1m
            ? new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{label}：是，得 {Fmt.Num(c.Maximum)} 分")
            : new RuleOutcome(0m, ItemStatus.Scored, $"{label}：否，不得分");
    }
}
