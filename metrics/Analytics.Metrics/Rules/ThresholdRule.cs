namespace Analytics.Metrics.Rules;

/// <summary>
/// 达标得分: full score when the value or rate meets the comparison (e.g. 参训率 &gt; 80%), otherwise 0. A count required
/// each quarter (per_quarter: "每季度至少自查 1 次") is required four times over in a whole year's score.
/// </summary>
public sealed class ThresholdRule : IRubricRule
{
    private readonly RateSource _source;

    private ThresholdRule(RateSource source, string? label, string op, decimal value, bool perQuarter, bool noCasesFull, bool missingFull)
    {
        _source = source;
        Label = label;
        Operator = op;
        Value = value;
        PerQuarter = perQuarter;
        NoCasesFull = noCasesFull;
        MissingFull = missingFull;
    }

    public string Type => "threshold";
    public string? Label { get; }
    public string Operator { get; }
    public decimal Value { get; }

    /// <summary>The value is required in each quarter: a whole year sums four quarters and must reach four times it.</summary>
    public bool PerQuarter { get; }

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
        var perQuarter = s.P.PerQuarter == true;
        if (perQuarter && (source is not { IsRate: false } || op is not (">=" or ">")))
        {
            s.Error("参数 per_quarter 只用于“不低于”某个计数 (parameter 'per_quarter' needs a count 'value' and op >= or >)");
        }

        return source is null || op is null ? null : new ThresholdRule(source, s.P.Label, op, value, perQuarter, s.NoCasesScoresFull(), missingFull);
    }

    /// <summary>The value the period must meet: four times a quarter's for a whole year when it is required each quarter.</summary>
    public decimal Required(AssessmentPeriod? period) => PerQuarter && period is not { IsQuarter: true } ? Value * 4m : Value;

    public string Describe(decimal maximum) =>
        $"{Label ?? "指标"} {Comparison.Symbol(Operator)} {(_source.IsRate ? Fmt.Pct(Value) : Fmt.Num(Value))}{(PerQuarter ? $"（每季度；全年评分时 {Comparison.Symbol(Operator)} {Fmt.Num(Value * 4m)}）" : "")} 得 {Fmt.Num(maximum)} 分，否则不得分" +
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

        var required = Required(c.Period);
        var met = Comparison.Holds(Operator, q.CompareTo(required));
        var perYear = required != Value ? $"（每季度 {_source.Threshold(Value, c)} × 4 个季度）" : "";
        var text = $"{label} {_source.Text(q, c)}，{(met ? Comparison.Words(Operator) : Comparison.Negation(Operator))} {_source.Threshold(required, c)}{perYear}";
        return met
            ? new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{text}，得 {Fmt.Num(c.Maximum)} 分")
            : new RuleOutcome(0m, ItemStatus.Scored, $"{text}，不得分");
    }
}
