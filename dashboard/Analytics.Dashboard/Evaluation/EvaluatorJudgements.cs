using System.Text.Json;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Evaluation;

/// <summary>
/// A 视情给分 item of one 街镇, or a district target the bureau enters (区局录入, <see cref="EntryRule"/>), with its current
/// judgement or entry (null: 待评 / 待录入) and every change to it (oldest first).
/// </summary>
/// <param name="Rule">A <see cref="JudgementRule"/> or an <see cref="EntryRule"/>.</param>
/// <param name="Assessed">False for an annual item in a quarter: it is judged in the year's period only.</param>
public sealed record JudgementRow(RubricItem Item, RubricSection Section, IRubricRule Rule, bool Assessed, Judgement? Current,
    IReadOnlyList<JudgementChange> History)
{
    public bool IsEntry => Rule is EntryRule;

    /// <summary>The current score or entered value as read ("8", "是", "96%"), or 待评 / 待录入 / 本期不考核.</summary>
    public string CurrentText => Current is { } c
        ? Rule is EntryRule entry ? entry.ValueText(c.Score) : Fmt.Num(c.Score)
        : !Assessed ? "本期不考核" : IsEntry ? EntryRule.PendingText : "待评";

    /// <summary>A value in the history as read: the entry's 是/否 or number with unit, else the score.</summary>
    public string ValueText(decimal value) => Rule is EntryRule entry ? entry.ValueText(value) : Fmt.Num(value);

    /// <summary>When the current judgement was recorded (its last change).</summary>
    public DateTime? RecordedAt => History.Count == 0 ? null : History[^1].ChangedAt;

    /// <summary>The allowed scores in words: "0–5 分" or "只能给 0 或 1 分".</summary>
    public string Range => Rule switch
    {
        EntryRule { IsYesNo: true } => "区局录入：1（是）或 0（否）",
        EntryRule entry => $"区局录入{entry.Label ?? "数值"}，目标 {(entry.AtMost ? "≤ " : "")}{entry.ValueText(entry.Target)}",
        JudgementRule { Allowed: { } allowed } => $"只能给 {string.Join(" 或 ", allowed.Select(Fmt.Num))} 分",
        JudgementRule rule => $"{Fmt.Num(rule.Minimum)}–{Fmt.Num(Item.Maximum)} 分",
        _ => "",
    };
}

/// <summary>A row of the evaluator grid: one 街镇 and one of its judgement items, or the district and one of its entries or judgement items.</summary>
public sealed record GridRow(ScoredUnit Unit, JudgementRow Row)
{
    /// <summary>The row's form field suffix: <c>310117001|S1.1</c>.</summary>
    public string Key => $"{Unit.Code}|{Row.Item.Code}";

    /// <summary>待评 (or 待录入 for an entry): assessed this period and not judged or entered yet.</summary>
    public bool Pending => Row.Assessed && Row.Current is null;
}

/// <summary>
/// The evaluators' judgements (评估意见) for the dashboard: lists a 街镇's judgement items and records a change through the
/// same <see cref="JudgementStore"/> the <c>judge</c> command uses, auditing every change. A change moves the judgement
/// version, which the leader pages' cache is keyed by (<see cref="Leadership.LeaderPageCache"/>), so it shows at once.
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
        // A district target's entry belongs to the district as a whole; a 街镇 has only its judgement items.
        var district = unitCode == rubric.District.Code;
        return rubric.Sections
            .SelectMany(section => section.Items.Where(i => (i.Rule is JudgementRule || (district && i.Rule is EntryRule)) && (itemCode is null || i.Code == itemCode))
                .Select(item => new JudgementRow(item, section, item.Rule, !(period.IsQuarter && item.Frequency == Frequency.Annual),
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
            }, AuditLog.DetailJson));
        }

        return changes;
    }
}
