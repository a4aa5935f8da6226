namespace Analytics.Metrics.Rules;

/// <summary>
/// 每发现 1 例扣 x 分，扣完为止: starts from the item's full score and never goes below zero. One kind of case (role
/// <c>count</c>, parameter <c>per_case</c>), or several kinds each with its own points (parameter <c>points</c>: role →
/// points per case, e.g. 长宁 C5: a missed 巡查上报转送 costs 0.5, each 救助不到位 case 0.2, from the same 1 point).
/// </summary>
public sealed class PerCaseDeductionRule : IRubricRule
{
    private PerCaseDeductionRule(string? label, IReadOnlyDictionary<string, decimal> points)
    {
        Label = label;
        Points = points;
    }

    public string Type => "per_case_deduction";
    public string? Label { get; }

    /// <summary>Role → points deducted per case.</summary>
    public IReadOnlyDictionary<string, decimal> Points { get; }

    /// <summary>The points per case of the single-kind form (0 when the item has several kinds).</summary>
    public decimal PerCase => Points.Count == 1 && Points.TryGetValue("count", out var p) ? p : 0m;

    internal static IRubricRule Create(RuleSpec s)
    {
        if (s.P.Points is { Count: > 0 } points)
        {
            foreach (var (role, value) in points)
            {
                s.RequireRoles(role);
                s.Require(value, $"points.{role}");
            }

            return new PerCaseDeductionRule(s.P.Label, points);
        }

        s.RequireRoles("count");
        return new PerCaseDeductionRule(s.P.Label, new Dictionary<string, decimal> { ["count"] = s.Require(s.P.PerCase, "per_case") });
    }

    public string Describe(decimal maximum) => PerCase > 0m
        ? $"满分 {Fmt.Num(maximum)} 分，每发现 1 例扣 {Fmt.Num(PerCase)} 分，扣完为止"
        : $"满分 {Fmt.Num(maximum)} 分，{string.Join("；", Points.Select(p => $"{p.Key} 每例扣 {Fmt.Num(p.Value)} 分"))}，扣完为止";

    public RuleOutcome Evaluate(RuleContext c)
    {
        var roles = Points.Keys.ToArray();
        if (roles.Any(r => c.Value(r) is null))
        {
            return c.Missing(roles.Where(r => c.Value(r) is null).ToArray());
        }

        if (PerCase > 0m)
        {
            var count = c.Count("count")!.Value;
            var label = Label ?? c.Label("count");
            if (count == 0m)
            {
                return new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{label} 0 例，得满分 {Fmt.Num(c.Maximum)} 分");
            }

            return Deduct(c, count * PerCase, $"{label} {Fmt.Num(count)} 例，每例扣 {Fmt.Num(PerCase)} 分");
        }

        var deducted = 0m;
        var parts = new List<string>();
        foreach (var (role, points) in Points)
        {
            var count = c.Count(role)!.Value;
            deducted += count * points;
            parts.Add($"{c.Label(role)} {Fmt.Num(count)} 例 × {Fmt.Num(points)} 分");
        }

        return deducted == 0m
            ? new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{string.Join("，", parts)}，得满分 {Fmt.Num(c.Maximum)} 分")
            : Deduct(c, deducted, string.Join("，", parts));
    }

    private static RuleOutcome Deduct(RuleContext c, decimal deducted, string cases)
    {
        var score = Math.Max(0m, c.Maximum - deducted);
        var floor = score == 0m ? "，扣完为止" : "";
        return new RuleOutcome(score, ItemStatus.Scored, $"{cases}，共扣 {Fmt.Num(deducted)} 分{floor}，得 {Fmt.Num(score)} 分");
    }
}
