namespace Analytics.Metrics.Rules;

/// <summary>
/// 阶梯扣分: a rate within the band (≤ band %) scores full; each started step beyond it deducts a fixed
/// amount, never below zero (扣完为止). A rate exactly on the band edge is inside the band.
/// </summary>
public sealed class ThresholdStepRule : IRubricRule
{
    private ThresholdStepRule(string? label, decimal band, decimal step, decimal deduction, bool noCasesFull)
    {
        Label = label;
        Band = band;
        Step = step;
        Deduction = deduction;
        NoCasesFull = noCasesFull;
    }

    public string Type => "threshold_step";
    public string? Label { get; }
    public decimal Band { get; }
    public decimal Step { get; }
    public decimal Deduction { get; }
    public bool NoCasesFull { get; }

    internal static IRubricRule Create(RuleSpec s)
    {
        s.RequireRoles("numerator", "denominator");
        var band = s.Require(s.P.Band, "band", positive: false);
        return new ThresholdStepRule(s.P.Label, band, s.Require(s.P.Step, "step"), s.Require(s.P.Deduction, "deduction"), s.NoCasesScoresFull());
    }

    public string Describe(decimal maximum) =>
        $"{Label ?? "比率"} ≤ {Fmt.Pct(Band)} 得 {Fmt.Num(maximum)} 分，每增加 {Fmt.Pct(Step)}（不足一档按一档计）扣 {Fmt.Num(Deduction)} 分，扣完为止；" +
        $"无业务量时{(NoCasesFull ? "得满分" : "不得分")}";

    public RuleOutcome Evaluate(RuleContext c)
    {
        if (c.Count("numerator") is not { } num || c.Count("denominator") is not { } den)
        {
            return c.Missing("numerator", "denominator");
        }

        var label = Label ?? c.Item.Name;
        if (den == 0m)
        {
            var score = NoCasesFull ? c.Maximum : 0m;
            return new RuleOutcome(score, ItemStatus.NotApplicable,
                $"{c.Label("denominator")}为 0，{label}不适用，按规定{(NoCasesFull ? "得满分" : "不得分")} {Fmt.Num(score)} 分");
        }

        var rate = $"{label} {Fmt.Pct(num, den)}（{Fmt.Num(num)}/{Fmt.Num(den)}）";

        // rate − band in "percent × denominator" units: num×100 − band×den; no division, so 3/60 is exactly 5%.
        var excess = num * 100m - Band * den;
        var steps = ExactMath.CeilingSteps(excess, Step * den);
        if (steps == 0m)
        {
            return new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{rate}，未超过 {Fmt.Pct(Band)} 基准，得 {Fmt.Num(c.Maximum)} 分");
        }

        var deducted = steps * Deduction;
        var result = Math.Max(0m, c.Maximum - deducted);
        var floor = result == 0m ? "，扣完为止" : "";
        return new RuleOutcome(result, ItemStatus.Scored,
            $"{rate}，超出 {Fmt.Pct(Band)} 基准 {Fmt.Num(steps)} 档（每档 {Fmt.Pct(Step)}），扣 {Fmt.Num(deducted)} 分{floor}，得 {Fmt.Num(result)} 分");
    }
}
