namespace Analytics.Metrics.Rules;

/// <summary>扣分项: each case of each kind deducts fixed points; the score is zero or negative (the section caps the total).</summary>
public sealed class PenaltyRule : IRubricRule
{
    private PenaltyRule(IReadOnlyDictionary<string, decimal> points) => Points = points;

    public string Type => "penalty";

    /// <summary>Role → points deducted per case.</summary>
    public IReadOnlyDictionary<string, decimal> Points { get; }

    internal static IRubricRule? Create(RuleSpec s)
    {
        if (s.SectionKind != SectionKind.Deduction)
        {
            s.Error("penalty 规则只能用于扣分项分区 (kind: deduction) (penalty rule outside a deduction section)");
        }

        if (s.P.Points is not { Count: > 0 } points)
        {
            s.Error("缺少参数 points（角色 → 每例扣分） (missing parameter 'points')");
            return null;
        }

        foreach (var (role, value) in points)
        {
            s.RequireRoles(role);
            if (value <= 0m)
            {
                s.Error($"points.{role} 必须大于 0 (points must be > 0)");
            }
        }

        return new PenaltyRule(points);
    }

    public string Describe(decimal maximum) => string.Join("；", Points.Select(p => $"{p.Key} 每例扣 {Fmt.Num(p.Value)} 分"));

    public RuleOutcome Evaluate(RuleContext c)
    {
        var roles = Points.Keys.ToArray();
        if (roles.Any(r => c.Value(r) is null))
        {
            return c.Missing(roles);
        }

        var total = 0m;
        var parts = new List<string>();
        foreach (var (role, points) in Points)
        {
            var count = c.Count(role)!.Value;
            total += count * points;
            parts.Add($"{c.Label(role)} {Fmt.Num(count)} 例 × {Fmt.Num(points)} 分");
        }

        return total == 0m
            ? new RuleOutcome(0m, ItemStatus.Scored, $"{string.Join("，", parts)}，不扣分")
            : new RuleOutcome(-total, ItemStatus.Scored, $"{string.Join("，", parts)}，扣 {Fmt.Num(total)} 分");
    }
}
