namespace Analytics.Metrics.Rules;

/// <summary>视情给分: an evaluator records a score within the item's range (or one of the allowed scores) with a reason.</summary>
public sealed class JudgementRule : IRubricRule
{
    private JudgementRule(decimal minimum, IReadOnlyList<decimal>? allowed)
    {
        Minimum = minimum;
        Allowed = allowed;
    }

    public string Type => "judgement";
    public decimal Minimum { get; }

    /// <summary>For inspection checks ("得 1 分，否则不得分") only these scores are accepted.</summary>
    public IReadOnlyList<decimal>? Allowed { get; }

    internal static IRubricRule Create(RuleSpec s)
    {
        var min = s.P.Min ?? 0m;
        if (min > s.Maximum)
        {
            s.Error("参数 min 大于满分 (parameter 'min' exceeds the item maximum)");
        }

        if (s.P.Allowed is { } allowed && allowed.Any(a => a < min || a > s.Maximum))
        {
            s.Error("参数 allowed 含超出评分范围的分值 (a value in 'allowed' is outside the item range)");
        }

        return new JudgementRule(min, s.P.Allowed);
    }

    /// <summary>The lowest score an evaluator can record.</summary>
    public decimal Lowest => Allowed is { Count: > 0 } a ? a.Min() : Minimum;

    /// <summary>The highest score an evaluator can record for an item of <paramref name="maximum"/> points.</summary>
    public decimal Highest(decimal maximum) => Allowed is { Count: > 0 } a ? a.Max() : maximum;

    public string Describe(decimal maximum) => Allowed is { } a
        ? $"评估人检查认定，只能给 {string.Join(" 或 ", a.Select(Fmt.Num))} 分"
        : $"视情给分，{Fmt.Num(Minimum)}–{Fmt.Num(maximum)} 分，须记录评估人与理由";

    public RuleOutcome Evaluate(RuleContext c)
    {
        if (c.Judgement is not { } j)
        {
            return new RuleOutcome(0m, ItemStatus.Pending, $"待评：视情给分项尚未录入评估意见，暂记 0 分（满分 {Fmt.Num(c.Maximum)} 分）");
        }

        var valid = Allowed is { } allowed ? allowed.Contains(j.Score) : j.Score >= Minimum && j.Score <= c.Maximum;
        if (!valid)
        {
            var range = Allowed is { } a ? string.Join("/", a.Select(Fmt.Num)) : $"{Fmt.Num(Minimum)}–{Fmt.Num(c.Maximum)}";
            throw new RubricInputException(
                $"评分项 {c.Item.Code}（{c.Item.Name}）的评估分 {Fmt.Num(j.Score)} 超出允许范围 {range} " +
                $"(judgement for '{c.Item.Code}' is outside {range})");
        }

        if (string.IsNullOrWhiteSpace(j.Evaluator) || string.IsNullOrWhiteSpace(j.Reason))
        {
            throw new RubricInputException(
                $"评分项 {c.Item.Code} 的评估意见须填写评估人和理由 (judgement for '{c.Item.Code}' needs evaluator and reason)");
        }

        return new RuleOutcome(j.Score, ItemStatus.Scored,
            $"评估人 {j.Evaluator} 视情给分 {Fmt.Num(j.Score)} 分（满分 {Fmt.Num(c.Maximum)} 分），理由：{j.Reason}");
    }
}
