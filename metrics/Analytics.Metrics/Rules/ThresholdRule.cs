namespace Analytics.Metrics.Rules;

/// <summary>达标得分: full score when the value or rate meets the comparison (e.g. 参训率 &gt; 80%), otherwise 0.</summary>
public sealed class ThresholdRule : IRubricRule
{
    private readonly RateSource _source;

    private ThresholdRule(RateSource source, string? label, string op, decimal value, bool noCasesFull, bool missingFull)
    {
        _source = source;
        Label = label;
        Operator = op;
        Value = value;
        NoCasesFull = noCasesFull;
        MissingFull = missingFull;
    }

    public string Type => "threshold";
    public string? Label { get; }
    public string Operator { get; }
    public decimal Value { get; }
    public bool NoCasesFull { get; }

    /// <summary>When the input is absent the item scores full (e.g. no disaster → nothing to report late).</summary>
    public bool MissingFull { get; }

    internal static IRubricRule? Create(RuleSpec s)
    {
        var source = RateSource.From(s);
        var op = s.P.Op is null ? null : s.Choice(s.P.Op, "op", ">=", Comparison.Operators);
        if (op is null)
        {
            s.Error("缺少参数 op (missing parameter 'op')");
        }

        var value = s.Require(s.P.Value, "value", positive: false);
        var missingFull = s.Choice(s.P.WhenMissing, "when_missing", "missing", "missing", "full") == "full";
        return source is null || op is null ? null : new ThresholdRule(source, s.P.Label, op, value, s.NoCasesScoresFull(), missingFull);
    }

    public string Describe(decimal maximum) =>
        $"{Label ?? "指标"} {Comparison.Symbol(Operator)} {(_source.IsRate ? Fmt.Pct(Value) : Fmt.Num(Value))} 得 {Fmt.Num(maximum)} 分，否则不得分" +
        (MissingFull ? "；无数据（未发生）时得满分" : "");

    public RuleOutcome Evaluate(RuleContext c)
    {
        var label = Label ?? c.Item.Name;
        if (_source.Current(c) is not { } q)
        {
            if (MissingFull && _source.Roles.All(r => c.Value(r) is null))
            {
                return new RuleOutcome(c.Maximum, ItemStatus.Scored, $"本期未报告{label}（未发生），按规定得满分 {Fmt.Num(c.Maximum)} 分");
            }

            return c.Missing(_source.Roles);
        }

        if (q.IsUndefined)
        {
            var score = NoCasesFull ? c.Maximum : 0m;
            return new RuleOutcome(score, ItemStatus.NotApplicable,
                $"{c.Label("denominator")}为 0，{label}不适用，按规定{(NoCasesFull ? "得满分" : "不得分")} {Fmt.Num(score)} 分");
        }

        var met = Comparison.Holds(Operator, q.CompareTo(Value));
        var text = $"{label} {_source.Text(q, c)}，{(met ? Comparison.Words(Operator) : Comparison.Negation(Operator))} {_source.Threshold(Value, c)}";
        return met
            ? new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{text}，得 {Fmt.Num(c.Maximum)} 分")
            : new RuleOutcome(0m, ItemStatus.Scored, $"{text}，不得分");
    }
}
