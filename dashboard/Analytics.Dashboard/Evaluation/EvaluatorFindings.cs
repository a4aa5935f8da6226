using System.Text.Json;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Evaluation;

/// <summary>One findings item of a 街镇 for the page: its inspection (null: 待检查) and the cases of its active findings.</summary>
public sealed record FindingItemRow(FindingItem Item, bool Assessed, FindingInspection? Inspection, int Cases);

/// <summary>A 街镇's part of the register for one rubric and period: its items, findings (withdrawn included) and history.</summary>
public sealed record FindingsView(IReadOnlyList<FindingItemRow> Items, IReadOnlyList<Finding> Findings, IReadOnlyList<FindingChange> History);

/// <summary>
/// The 督查发现台账 for the dashboard: reads a 街镇's register and records changes through the same
/// <see cref="FindingStore"/> the <c>findings</c> command uses, auditing every change as <c>finding.*</c>.
/// </summary>
public sealed class EvaluatorFindings(WarehouseDatabase warehouse, AuditLog audit)
{
    public const string AuditPrefix = "finding.";

    public FindingsView View(Rubric rubric, AssessmentPeriod period, string townCode)
    {
        using var connection = warehouse.Connect();
        var store = new FindingStore(connection);
        var findings = store.List(rubric.Id, period.ToString(), townCode);
        var inspections = store.Inspections(rubric.Id, period.ToString(), townCode);
        var items = FindingItems.Of(rubric).Select(i => new FindingItemRow(i, !(period.IsQuarter && i.Frequency == Frequency.Annual),
            inspections.FirstOrDefault(x => x.ItemCode == i.Code), findings.Where(f => f.ItemCode == i.Code && !f.Withdrawn).Sum(f => f.Cases))).ToList();
        return new FindingsView(items, findings, store.History(rubric.Id, period.ToString(), townCode));
    }

    /// <summary>Every finding of the rubric and period (all 街镇), for the CSV download.</summary>
    public IReadOnlyList<Finding> All(Rubric rubric, AssessmentPeriod period)
    {
        using var connection = warehouse.Connect();
        return new FindingStore(connection).List(rubric.Id, period.ToString());
    }

    public Finding Add(string user, Rubric rubric, AssessmentPeriod period, FindingEntry entry)
    {
        Finding finding;
        using (var connection = warehouse.Connect())
        {
            finding = new FindingStore(connection).Add(rubric, period, entry, user);
        }

        Audit(user, "add", new { id = finding.Id, rubric = rubric.Id, period = finding.Period, town = finding.TownCode, item = finding.ItemCode,
            input = finding.InputName, found_on = finding.FoundOn, found_by = finding.FoundBy, cases = finding.Cases, evidence = finding.Evidence });
        return finding;
    }

    public Finding Withdraw(string user, Rubric rubric, long id, string reason)
    {
        Finding finding;
        using (var connection = warehouse.Connect())
        {
            finding = new FindingStore(connection).Withdraw(rubric, id, user, reason);
        }

        Audit(user, "withdraw", new { id, rubric = rubric.Id, period = finding.Period, town = finding.TownCode, item = finding.ItemCode,
            cases = finding.Cases, reason = reason.Trim() });
        return finding;
    }

    /// <summary>Closes (已检查) or reopens an item's inspection.</summary>
    public FindingInspection SetInspection(string user, Rubric rubric, AssessmentPeriod period, string townCode, string itemCode, bool close, string reason)
    {
        FindingInspection inspection;
        using (var connection = warehouse.Connect())
        {
            var store = new FindingStore(connection);
            inspection = close
                ? store.Close(rubric, period, townCode, itemCode, user, reason)
                : store.Reopen(rubric, period, townCode, itemCode, user, reason);
        }

        Audit(user, close ? "close" : "reopen", new { rubric = rubric.Id, period = inspection.Period, town = townCode, item = inspection.ItemCode,
            reason = reason.Trim() });
        return inspection;
    }

    private void Audit(string user, string action, object detail) =>
        audit.Record(user, AuditPrefix + action, JsonSerializer.Serialize(detail, AuditLog.DetailJson));
}
