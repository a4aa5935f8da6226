using System.Globalization;

namespace Analytics.Metrics.Rules;

/// <summary>分档得分: the first tier whose condition holds gives the score (e.g. ≥ 2 持证核对员 → 1; 1 持证 or ≥ 2 受培训 → 0.5), else 0.</summary>
public sealed class TieredRule : IRubricRule
{
    private TieredRule(IReadOnlyList<Tier> tiers) => Tiers = tiers;

    public string Type => "tiered";
    public IReadOnlyList<Tier> Tiers { get; }

    /// <summary>One tier: score when any of its alternatives holds; each alternative is a conjunction of clauses.</summary>
    public sealed record Tier(decimal Score, string When, IReadOnlyList<IReadOnlyList<Clause>> AnyOf);

    /// <summary>"role op number", e.g. "certified >= 2".</summary>
    public sealed record Clause(string Role, string Operator, decimal Value);

    internal static IRubricRule? Create(RuleSpec s)
    {
        if (s.P.Tiers is not { Count: > 0 } docs)
        {
            s.Error("缺少参数 tiers (missing parameter 'tiers')");
            return null;
        }

        var tiers = new List<Tier>();
        foreach (var d in docs)
        {
            var score = s.Require(d.Score, "tiers[].score");
            if (score > s.Maximum)
            {
                s.Error($"分档分值 {Fmt.Num(score)} 超过满分 {Fmt.Num(s.Maximum)} (tier score exceeds the item maximum)");
            }

            if (string.IsNullOrWhiteSpace(d.When))
            {
                s.Error("分档缺少条件 when (tier without 'when')");
                continue;
            }

            if (Parse(d.When, s) is { } anyOf)
            {
                tiers.Add(new Tier(score, d.When, anyOf));
            }
        }

        return new TieredRule(tiers);
    }

    private static List<IReadOnlyList<Clause>>? Parse(string when, RuleSpec s)
    {
        var anyOf = new List<IReadOnlyList<Clause>>();
        foreach (var alternative in when.Split(" or ", StringSplitOptions.TrimEntries))
        {
            var all = new List<Clause>();
            foreach (var text in alternative.Split(" and ", StringSplitOptions.TrimEntries))
            {
                var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3 || !Comparison.Operators.Contains(parts[1])
                    || !decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    s.Error($"无法解析条件“{text}”，应为“角色 运算符 数值”，如 certified >= 2 (cannot parse condition '{text}')");
                    return null;
                }

                if (!s.HasRole(parts[0]))
                {
                    s.Error($"条件“{text}”引用了未在 inputs 中声明的角色 {parts[0]} (condition uses undeclared role '{parts[0]}')");
                    return null;
                }

                all.Add(new Clause(parts[0], parts[1], value));
            }

            anyOf.Add(all);
        }

        return anyOf;
    }

    public string Describe(decimal maximum) =>
        string.Join("；", Tiers.Select(t => $"{t.When} 得 {Fmt.Num(t.Score)} 分")) + "；否则不得分";

    private static string Words(Tier tier, RuleContext c) => string.Join(" 或 ",
        tier.AnyOf.Select(all => string.Join(" 且 ", all.Select(k => $"{c.Label(k.Role)} {Comparison.Symbol(k.Operator)} {Fmt.Num(k.Value)}"))));

    public RuleOutcome Evaluate(RuleContext c)
    {
        var roles = c.Item.Inputs.Keys.ToArray();
        if (roles.Any(r => c.Value(r) is null))
        {
            return c.Missing(roles);
        }

        var facts = string.Join("，", roles.Select(r => $"{c.Label(r)} {Fmt.Num(c.Count(r)!.Value)}{c.Unit(r)}"));
        foreach (var tier in Tiers)
        {
            var holds = tier.AnyOf.Any(all => all.All(k => Comparison.Holds(k.Operator, c.Count(k.Role)!.Value.CompareTo(k.Value))));
            if (holds)
            {
                return new RuleOutcome(tier.Score, ItemStatus.Scored, $"{facts}；符合“{Words(tier, c)}”，得 {Fmt.Num(tier.Score)} 分");
            }
        }

        return new RuleOutcome(0m, ItemStatus.Scored, $"{facts}；未达到任何得分档，不得分");
    }
}
