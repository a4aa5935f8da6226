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
        return rubric.Sections
            .SelectMany(section => section.Items.Where(i => i.Rule is JudgementRule).Select(item => new JudgementRow(item, section, (JudgementRule)item.Rule,
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
