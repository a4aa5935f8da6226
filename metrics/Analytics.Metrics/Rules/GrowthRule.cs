namespace Analytics.Metrics.Rules;

/// <summary>
/// 较上年有所增长 (同比): full score when the value (or rate) is strictly above the same period of the previous
/// year (or strictly below, for direction: decrease; a rate or count at 0 in both years has nothing left to reduce and
/// scores full). Without last year's value: 无上年基数, scored as the rubric says.
/// </summary>
public sealed class GrowthRule : IRubricRule
{
    private readonly RateSource _source;

    private GrowthRule(RateSource source, string? label, bool increase, decimal noBaselineScore, bool noCasesFull)
    {
        _source = source;
        Label = label;
        Increase = increase;
        NoBaselineScore = noBaselineScore;
        NoCasesFull = noCasesFull;
    }

    public string Type => "growth";
    public string? Label { get; }
    public bool Increase { get; }
    public decimal NoBaselineScore { get; }
    public bool NoCasesFull { get; }

    internal static IRubricRule? Create(RuleSpec s)
    {
        var source = RateSource.From(s);
        var increase = s.Choice(s.P.Direction, "direction", "increase", "increase", "decrease") == "increase";
        var noBaseline = s.P.NoBaseline ?? 0m;
        if (noBaseline < 0m || noBaseline > s.Maximum)
        {
            s.Error("参数 no_baseline 超出 0 到满分的范围 (parameter 'no_baseline' outside 0..max)");
        }

        return source is null ? null : new GrowthRule(source, s.P.Label, increase, noBaseline, s.NoCasesScoresFull());
    }

    private string Verb => Increase ? "增长" : "下降";

    public string Describe(decimal maximum) =>
        $"{Label ?? "指标"}较上年同期{Verb}得 {Fmt.Num(maximum)} 分，持平或{(Increase ? "下降" : "上升")}不得分{(Increase ? "" : "（两年均为 0 时无可再降，得满分）")}；无上年基数得 {Fmt.Num(NoBaselineScore)} 分";

    public RuleOutcome Evaluate(RuleContext c)
    {
        var label = Label ?? c.Item.Name;
        var gaps = _source.Roles.Select(c.BaseGap).OfType<string>().Distinct().ToList();
        if (gaps.Count > 0)
        {
            return new RuleOutcome(0m, ItemStatus.MissingInput, $"缺数据：{string.Join("；", gaps)}，{label}无法与上年同期比较，暂记 0 分");
        }

        if (_source.Current(c) is not { } now)
        {
            return c.Missing(_source.Roles);
        }

        if (now.IsUndefined)
        {
            var s0 = NoCasesFull ? c.Maximum : 0m;
            return new RuleOutcome(s0, ItemStatus.NotApplicable,
                $"{c.Label("denominator")}为 0，{label}不适用，按规定{(NoCasesFull ? "得满分" : "不得分")} {Fmt.Num(s0)} 分");
        }

        if (_source.Previous(c) is not { } before || before.IsUndefined)
        {
            return new RuleOutcome(NoBaselineScore, ItemStatus.NoBaseline,
                $"{label} {_source.Text(now, c)}；无上年基数（上年同期数据缺失），无法比较，按规定得 {Fmt.Num(NoBaselineScore)} 分");
        }

        if (!Increase && now.Numerator == 0m && before.Numerator == 0m)
        {
            // Nothing left to reduce: holding zero is the best a town can do, not a failure to fall.
            return new RuleOutcome(c.Maximum, ItemStatus.Scored,
                $"{label} {_source.Text(now, c)}，上年同期 {_source.Text(before, c)}，已为 0、无可再降，视同达标，得 {Fmt.Num(c.Maximum)} 分");
        }

        var sign = now.CompareTo(before);
        var met = Increase ? sign > 0 : sign < 0;
        var change = sign == 0 ? "持平" : sign > 0 ? "上升" : "下降";
        var text = $"{label} {_source.Text(now, c)}，上年同期 {_source.Text(before, c)}，较上年{change}";
        return met
            ? new RuleOutcome(c.Maximum, ItemStatus.Scored, $"{text}，得 {Fmt.Num(c.Maximum)} 分")
            : new RuleOutcome(0m, ItemStatus.Scored, $"{text}，未{Verb}，不得分");
    }
}
