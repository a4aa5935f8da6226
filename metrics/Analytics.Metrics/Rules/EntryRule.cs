namespace Analytics.Metrics.Rules;

/// <summary>
/// 区局录入: a target the warehouse holds no data for, whose value the bureau enters (evaluator/admin role, audited
/// through the judgement store). <c>mode: yes_no</c> is met by 是 (1); a value target is met at or above its target
/// (<c>direction: at_most</c>: at or below, e.g. 零事故), cumulative values projected like <see cref="TargetRule"/>.
/// Without an entry the target is 待录入 (pending), never missed and never 0.
/// </summary>
public sealed class EntryRule : IRubricRule
{
    public const string PendingText = "待录入";

    private EntryRule(string mode, string? label, decimal target, string unit, bool atMost)
    {
        Mode = mode;
        Label = label;
        Target = target;
        Unit = unit;
        AtMost = atMost;
    }

    public string Type => "entry";
    public string Mode { get; }
    public string? Label { get; }
    public decimal Target { get; }
    public string Unit { get; }
    public bool AtMost { get; }
    public bool IsYesNo => Mode == "yes_no";

    internal static IRubricRule Create(RuleSpec s)
    {
        var mode = s.Choice(s.P.Mode, "mode", "yes_no", "yes_no", "cumulative", "level");
        if (s.Inputs.Count > 0)
        {
            s.Error("区局录入项不读取输入项 (an entry item takes no inputs:)");
        }

        if (mode == "yes_no")
        {
            return new EntryRule(mode, s.P.Label, 1m, "", false);
        }

        var atMost = s.Choice(s.P.Direction, "direction", "at_least", "at_least", "at_most") == "at_most";
        return new EntryRule(mode, s.P.Label, s.Require(s.P.Target, "target", positive: !atMost), s.P.Unit ?? "", atMost);
    }

    private string TargetText => IsYesNo ? "是" : $"{(AtMost ? "≤ " : "")}{Fmt.Num(Target)}{Unit}";

    public string Describe(decimal maximum) => IsYesNo
        ? $"区局录入是/否：是得 {Fmt.Num(maximum)} 分，否不得分；未录入为待录入"
        : $"区局录入{Label ?? "数值"}，年度目标 {TargetText}；" + (AtMost
            ? $"不超过目标得 {Fmt.Num(maximum)} 分，否则不得分"
            : Mode == "cumulative"
                ? $"按已过季度线性推算全年数，得分 = {Fmt.Num(maximum)} × min(1, 推算数/目标)"
                : $"按当前值计，得分 = {Fmt.Num(maximum)} × min(1, 当前值/目标)") + "；未录入为待录入";

    /// <summary>Checks a value the bureau is about to enter; returns a Chinese reason when it cannot be recorded.</summary>
    public string? Invalid(decimal value) => IsYesNo
        ? value is 0m or 1m ? null : "只接受 1（是）或 0（否）"
        : value < 0m ? "不能为负数" : null;

    /// <summary>The entered value as read on a tracker: 是/否 or the number with its unit.</summary>
    public string ValueText(decimal value) => IsYesNo ? (value == 1m ? "是" : "否") : $"{Fmt.Num(value)}{Unit}";

    public RuleOutcome Evaluate(RuleContext c)
    {
        var label = Label ?? c.Item.Name;
        if (c.Judgement is not { } entry)
        {
            return new RuleOutcome(0m, ItemStatus.Pending, $"{PendingText}：区局尚未录入{label}，不计为未完成（满分 {Fmt.Num(c.Maximum)} 分）");
        }

        if (Invalid(entry.Score) is { } why)
        {
            throw new RubricInputException($"评分项 {c.Item.Code}（{c.Item.Name}）的录入值 {Fmt.Num(entry.Score)} 无效：{why} " +
                                           $"(entry for '{c.Item.Code}' is invalid)");
        }

        var quarters = c.Period.QuartersElapsed;
        var value = entry.Score;
        var projected = Mode == "cumulative" ? ExactMath.RoundScore(value * 4m / quarters) : value;
        var onTrack = AtMost ? projected <= Target : projected >= Target;
        var score = IsYesNo || AtMost
            ? onTrack ? c.Maximum : 0m
            : ExactMath.RoundScore(c.Maximum * Math.Min(1m, projected / Target));
        var projection = Mode == "cumulative" && quarters < 4 ? $"，按已过 {quarters} 个季度线性推算全年 {Fmt.Num(projected)}{Unit}" : "";
        return new RuleOutcome(score, ItemStatus.Scored,
            $"{label}：区局录入 {ValueText(value)}（{entry.Evaluator}），目标 {TargetText}{projection}，" +
            $"{(onTrack ? "达到" : "未达到")}目标，得 {Fmt.Num(score)} 分（满分 {Fmt.Num(c.Maximum)} 分）",
            new TargetProgress(Target, value, projected, quarters, onTrack));
    }
}
