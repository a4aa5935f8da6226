namespace Analytics.Metrics.Rules;

/// <summary>
/// 按比例配备: "actual" must reach ratio × "base" (e.g. staff ≥ 户籍人口 × 1/10000; 养老床位 ≥ 户籍老年人口 × 3.5%).
/// Below it the item scores 0, or proportionally when the rubric says partial: proportional.
/// </summary>
public sealed class RatioToTargetRule : IRubricRule
{
    private RatioToTargetRule(string? label, decimal ratio, string? ratioLabel, bool proportional, bool noCasesFull)
    {
        Label = label;
        Ratio = ratio;
        RatioLabel = ratioLabel;
        Proportional = proportional;
        NoCasesFull = noCasesFull;
    }

    public string Type => "ratio_to_target";
    public string? Label { get; }
    public decimal Ratio { get; }
    public string? RatioLabel { get; }
    public bool Proportional { get; }
    public bool NoCasesFull { get; }

    internal static IRubricRule Create(RuleSpec s)
    {
        s.RequireRoles("actual", "base");
        var proportional = s.Choice(s.P.Partial, "partial", "none", "none", "proportional") == "proportional";
        return new RatioToTargetRule(s.P.Label, s.Require(s.P.Ratio, "ratio"), s.P.RatioLabel, proportional, s.NoCasesScoresFull());
    }

    private string RatioText => RatioLabel ?? Fmt.Num(Ratio);

    public string Describe(decimal maximum) =>
        $"{Label ?? "实际数"} ≥ 基数 × {RatioText} 得 {Fmt.Num(maximum)} 分；" + (Proportional ? "未达到按完成比例得分（保留两位小数）" : "未达到不得分");

    public RuleOutcome Evaluate(RuleContext c)
    {
        if (c.Value("actual") is not { } actual || c.Count("base") is not { } baseValue)
        {
            return c.Missing("actual", "base");
        }

        if (actual < 0m)
        {
            throw new RubricInputException($"输入项 {c.InputName("actual")} 不能为负数 (input '{c.InputName("actual")}' must not be negative)");
        }

        if (baseValue == 0m)
        {
            var s0 = NoCasesFull ? c.Maximum : 0m;
            return new RuleOutcome(s0, ItemStatus.NotApplicable,
                $"{c.Label("base")}为 0，不适用，按规定{(NoCasesFull ? "得满分" : "不得分")} {Fmt.Num(s0)} 分");
        }

        var required = baseValue * Ratio;
        var facts = $"{c.Label("actual")} {Fmt.Num(actual)}{c.Unit("actual")}，{c.Label("base")} {Fmt.Num(baseValue)}{c.Unit("base")}，" +
                    $"按 {RatioText} 应达 {Fmt.Num(required)}{c.Unit("actual")}";
        if (actual >= required)
        {
            return new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{facts}，已达标，得 {Fmt.Num(c.Maximum)} 分");
        }

        if (!Proportional)
        {
            return new RuleOutcome(0m, ItemStatus.Scored, $"{facts}，未达标，不得分");
        }

        var score = ExactMath.RoundScore(c.Maximum * actual / required);
        return new RuleOutcome(score, ItemStatus.Scored,
            $"{facts}，未达标，按完成比例 {Fmt.Pct(actual, required)} 得 {Fmt.Num(score)} 分（满分 {Fmt.Num(c.Maximum)} 分）");
    }
}
