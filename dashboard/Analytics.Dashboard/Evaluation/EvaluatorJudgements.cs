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
        var current = store.ForPeriod(rubric.Id, period.ToString()).GetValueOrDefault(unitCode) ?? [];
        // A district target's entry belongs to the district as a whole; a 街镇 has only its judgement items.
        var district = unitCode == rubric.District.Code;
        return rubric.Sections
            .SelectMany(section => section.Items.Where(i => i.Rule is JudgementRule || (district && i.Rule is EntryRule)).Select(item => new JudgementRow(item, section, item.Rule,
                !(period.IsQuarter && item.Frequency == Frequency.Annual), current.GetValueOrDefault(item.Code),
                store.History(rubric.Id, period.ToString(), unitCode, item.Code))))
            .ToList();
    }

    /// <summary>Records a score; throws <see cref="RubricInputException"/> with the Chinese reason when the store refuses it.</summary>
    public JudgementChange Record(string user, Rubric rubric, AssessmentPeriod period, string unitCode, string itemCode, decimal score, string reason)
    {
        JudgementChange change;
        using (var connection = warehouse.Connect())
        {
            change = new JudgementStore(connection).Record(rubric, period, unitCode, itemCode, score, user, reason);
        }

        audit.Record(user, AuditAction, JsonSerializer.Serialize(new
        {
            rubric = change.RubricId, period = change.Period, town = change.TownCode, item = change.ItemCode,
            old = change.OldScore, @new = change.NewScore, reason = change.Reason,
        }, AuditLog.DetailJson));
        return change;
    }
}
