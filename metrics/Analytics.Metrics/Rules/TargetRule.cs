namespace Analytics.Metrics.Rules;

/// <summary>
/// 年度目标跟踪: a cumulative target (新增 200 张床位) is projected linearly to year end from the quarters elapsed;
/// a level target (护理型床位占比 ≥ 60%) uses the current value. Score = max × min(1, projected / target), to 0.01.
/// </summary>
public sealed class TargetRule : IRubricRule
{
    private readonly RateSource? _level;

    private TargetRule(string? label, decimal target, string unit, RateSource? level)
    {
        Label = label;
        Target = target;
        Unit = unit;
        _level = level;
    }

    public string Type => "target";
    public string? Label { get; }
    public decimal Target { get; }
    public string Unit { get; }
    public bool IsCumulative => _level is null;

    internal static IRubricRule? Create(RuleSpec s)
    {
        var mode = s.Choice(s.P.Mode, "mode", "cumulative", "cumulative", "level");
        var target = s.Require(s.P.Target, "target");
        if (mode == "cumulative")
        {
            s.RequireRoles("progress");
            return new TargetRule(s.P.Label, target, s.P.Unit ?? "", null);
        }

        var source = RateSource.From(s);
        return source is null ? null : new TargetRule(s.P.Label, target, s.P.Unit ?? "", source);
    }

    /// <summary>Whether the target is a rate in percent (护理型床位占比 ≥ 60%).</summary>
    public bool IsRate => _level is { IsRate: true };

    public string TargetText => ValueText(Target);

    /// <summary>A value on this target's scale: "55%" for a rate, "337张" for a count.</summary>
    public string ValueText(decimal value) => IsRate ? Fmt.Pct(value) : $"{Fmt.Num(value)}{Unit}";

    public string Describe(decimal maximum) => IsCumulative
        ? $"年度目标 {TargetText}；按已过季度线性推算全年完成数，得分 = {Fmt.Num(maximum)} × min(1, 推算数/目标)"
        : $"年度目标 {Label ?? "指标"} ≥ {TargetText}；按当前值计，得分 = {Fmt.Num(maximum)} × min(1, 当前值/目标)";

    public RuleOutcome Evaluate(RuleContext c) => IsCumulative ? Cumulative(c) : Level(c);

    private RuleOutcome Cumulative(RuleContext c)
    {
        if (c.Count("progress") is not { } done)
        {
            return c.Missing("progress");
        }

        var label = Label ?? c.Item.Name;
        var quarters = c.Period.QuartersElapsed;
        var projected = ExactMath.RoundScore(done * 4m / quarters);
        var onTrack = projected >= Target;
        var score = ExactMath.RoundScore(c.Maximum * Math.Min(1m, projected / Target));
        var progress = new TargetProgress(Target, done, projected, quarters, onTrack);
        var head = quarters == 4
            ? $"{label}：年度目标 {TargetText}，全年完成 {Fmt.Num(done)}{Unit}（{Fmt.Pct(done, Target)}）"
            : $"{label}：年度目标 {TargetText}，截至 {c.Period} 完成 {Fmt.Num(done)}{Unit}（{Fmt.Pct(done, Target)}），" +
              $"按已过 {quarters} 个季度线性推算全年 {Fmt.Num(projected)}{Unit}";
        var verdict = onTrack ? (quarters == 4 ? "已完成目标" : "预计可完成目标") : (quarters == 4 ? "未完成目标" : "预计难以完成目标");
        return new RuleOutcome(score, ItemStatus.Scored, $"{head}，{verdict}，得 {Fmt.Num(score)} 分（满分 {Fmt.Num(c.Maximum)} 分）", progress);
    }

    private RuleOutcome Level(RuleContext c)
    {
        var source = _level!;
        if (source.Current(c) is not { } q)
        {
            return c.Missing(source.Roles);
        }

        var label = Label ?? c.Item.Name;
        if (q.IsUndefined)
        {
            return new RuleOutcome(0m, ItemStatus.NotApplicable, $"{c.Label("denominator")}为 0，{label}无法计算，不得分");
        }

        var current = q.Approximate;
        var onTrack = q.CompareTo(Target) >= 0;
        var score = onTrack ? c.Maximum : ExactMath.RoundScore(c.Maximum * current / Target);
        var progress = new TargetProgress(Target, ExactMath.RoundScore(current), ExactMath.RoundScore(current), c.Period.QuartersElapsed, onTrack);
        return new RuleOutcome(score, ItemStatus.Scored,
            $"{label} {source.Text(q, c)}，目标 ≥ {TargetText}，{(onTrack ? "已达到" : "未达到")}，得 {Fmt.Num(score)} 分（满分 {Fmt.Num(c.Maximum)} 分）", progress);
    }
}
