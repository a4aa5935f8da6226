using System.Text.Json;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Evaluation;

/// <summary>A 视情给分 item of one 街镇 with its current judgement (null: 待评) and every change to it (oldest first).</summary>
/// <param name="Assessed">False for an annual item in a quarter: it is judged in the year's period only.</param>
public sealed record JudgementRow(RubricItem Item, RubricSection Section, JudgementRule Rule, bool Assessed, Judgement? Current,
    IReadOnlyList<JudgementChange> History)
{
    /// <summary>When the current judgement was recorded (its last change).</summary>
    public DateTime? RecordedAt => History.Count == 0 ? null : History[^1].ChangedAt;

    /// <summary>The allowed scores in words: "0–5 分" or "只能给 0 或 1 分".</summary>
    public string Range => Rule.Allowed is { } allowed
        ? $"只能给 {string.Join(" 或 ", allowed.Select(Fmt.Num))} 分"
        : $"{Fmt.Num(Rule.Minimum)}–{Fmt.Num(Item.Maximum)} 分";
}

/// <summary>A row of the evaluator grid: one 街镇 (or the district) and one of its judgement items.</summary>
public sealed record GridRow(ScoredUnit Unit, JudgementRow Row)
{
    /// <summary>The row's form field suffix: <c>310117001|S1.1</c>.</summary>
    public string Key => $"{Unit.Code}|{Row.Item.Code}";

    /// <summary>待评: judged this period and not judged yet.</summary>
    public bool Pending => Row.Assessed && Row.Current is null;
}

/// <summary>
/// The evaluators' judgements (评估意见) for the dashboard: lists a 街镇's judgement items and records a change through the
/// same <see cref="JudgementStore"/> the <c>judge</c> command uses, auditing every change. Scores are never cached:
/// the scorecard reads the judgement table on every request, so a change shows at once.
/// </summary>
public sealed class EvaluatorJudgements(WarehouseDatabase warehouse, AuditLog audit)
{
    public const string AuditAction = "judgement.set";

    /// <summary>The 街镇 of the rubric's district valid at the end of the period, then the district itself (全区 targets).</summary>
    public IReadOnlyList<ScoredUnit> Units(Rubric rubric, AssessmentPeriod period)
    {
        using var connection = warehouse.Connect();
        return new RubricInputBuilder(connection).Units(rubric.District.Code, period);
    }

    public IReadOnlyList<JudgementRow> Rows(Rubric rubric, AssessmentPeriod period, string unitCode)
    {
        using var connection = warehouse.Connect();
        var store = new JudgementStore(connection);
        return RowsOf(store, store.ForPeriod(rubric.Id, period.ToString()), rubric, period, unitCode, null);
    }

    /// <summary>The grid: every judgement item of one unit, or (<paramref name="itemCode"/> given) that item of every unit.</summary>
    public IReadOnlyList<GridRow> Grid(Rubric rubric, AssessmentPeriod period, IReadOnlyList<ScoredUnit> units, string? itemCode)
    {
        using var connection = warehouse.Connect();
        var store = new JudgementStore(connection);
        var current = store.ForPeriod(rubric.Id, period.ToString());
        return units.SelectMany(unit => RowsOf(store, current, rubric, period, unit.Code, itemCode).Select(row => new GridRow(unit, row))).ToList();
    }

    private static IReadOnlyList<JudgementRow> RowsOf(JudgementStore store, IReadOnlyDictionary<string, Dictionary<string, Judgement>> current, Rubric rubric,
        AssessmentPeriod period, string unitCode, string? itemCode)
    {
        var judged = current.GetValueOrDefault(unitCode) ?? [];
        return rubric.Sections
            .SelectMany(section => section.Items.Where(i => i.Rule is JudgementRule && (itemCode is null || i.Code == itemCode))
                .Select(item => new JudgementRow(item, section, (JudgementRule)item.Rule, !(period.IsQuarter && item.Frequency == Frequency.Annual),
                    judged.GetValueOrDefault(item.Code), store.History(rubric.Id, period.ToString(), unitCode, item.Code))))
            .ToList();
    }

    /// <summary>Records a score; throws <see cref="RubricInputException"/> with the Chinese reason when the store refuses it.</summary>
    public JudgementChange Record(string user, Rubric rubric, AssessmentPeriod period, string unitCode, string itemCode, decimal score, string reason) =>
        RecordAll(user, rubric, period, [new JudgementInput(unitCode, itemCode, score, reason)])[0];

    /// <summary>Records the grid's scores in one transaction (all or none) and audits each change.</summary>
    public IReadOnlyList<JudgementChange> RecordAll(string user, Rubric rubric, AssessmentPeriod period, IReadOnlyList<JudgementInput> inputs)
    {
        IReadOnlyList<JudgementChange> changes;
        using (var connection = warehouse.Connect())
        {
            changes = new JudgementStore(connection).RecordAll(rubric, period, inputs, user);
        }

        foreach (var change in changes)
        {
            audit.Record(user, AuditAction, JsonSerializer.Serialize(new
            {
                rubric = change.RubricId, period = change.Period, town = change.TownCode, item = change.ItemCode,
                old = change.OldScore, @new = change.NewScore, reason = change.Reason,
            }, AuditJson));
        }

        return changes;
    }

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
