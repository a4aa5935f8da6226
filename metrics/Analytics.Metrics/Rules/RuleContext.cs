namespace Analytics.Metrics.Rules;

/// <summary>The inputs of one item as a rule sees them: by role, with their Chinese meaning.</summary>
public sealed class RuleContext
{
    private readonly Rubric _rubric;
    private readonly RubricInputs _inputs;

    internal RuleContext(Rubric rubric, RubricItem item, RubricInputs inputs, AssessmentPeriod period)
    {
        _rubric = rubric;
        Item = item;
        _inputs = inputs;
        Period = period;
        inputs.Judgements.TryGetValue(item.Code, out var judgement);
        Judgement = judgement;
    }

    public RubricItem Item { get; }

    public AssessmentPeriod Period { get; }

    public Judgement? Judgement { get; }

    public decimal Maximum => Item.Maximum;

    public string InputName(string role) => Item.Inputs[role];

    /// <summary>The Chinese meaning of the input behind a role, for explanations.</summary>
    public string Label(string role) => _rubric.FindInput(InputName(role))?.Meaning ?? InputName(role);

    public string Unit(string role) => _rubric.FindInput(InputName(role))?.Unit ?? "";

    public decimal? Value(string role) =>
        _inputs.Values.TryGetValue(InputName(role), out var v) ? v : null;

    public decimal? Previous(string role) =>
        _inputs.Previous.TryGetValue(InputName(role), out var v) ? v : null;

    /// <summary>What the input's 同比 comparison lacks (a quarter or a feed not loaded), or null when its bases are complete.</summary>
    public string? BaseGap(string role) => _inputs.BaseGaps?.GetValueOrDefault(InputName(role));

    /// <summary>A count input (cases, persons); counts are whole and non-negative, anything else is an input error.</summary>
    public decimal? Count(string role) => CheckCount(role, Value(role));

    public decimal? PreviousCount(string role) => CheckCount(role, Previous(role));

    private decimal? CheckCount(string role, decimal? value)
    {
        if (value is { } v && v < 0m)
        {
            throw new RubricInputException(
                $"输入项 {InputName(role)} 的值 {Fmt.Num(v)} 为负数，评分项 {Item.Code} 需要非负数 " +
                $"(input '{InputName(role)}' must not be negative)");
        }

        return value;
    }

    /// <summary>Names of the roles whose value is missing, for a 缺数据 explanation.</summary>
    public RuleOutcome Missing(params string[] roles)
    {
        var names = roles.Where(r => Value(r) is null).Select(r => $"{Label(r)}（{InputName(r)}）");
        return new RuleOutcome(0m, ItemStatus.MissingInput, $"缺少数据：{string.Join("、", names)}，暂记 0 分");
    }
}
