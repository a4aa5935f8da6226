using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Improvement;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Improvement;

/// <summary>
/// A 街镇's improvement plan from the warehouse: the district's inputs as the scorer reads them (values, judgements,
/// findings), the planner, and the findings on record behind each per-case deduction.
/// </summary>
public sealed class TownImprovement(DuckDBConnection connection)
{
    public ImprovementPlan Plan(Rubric rubric, AssessmentPeriod period, string town)
    {
        var units = new RubricInputBuilder(connection).Build(rubric, period).Where(u => !u.Unit.IsDistrict).ToList();
        var unit = Find(units, town, rubric);
        var plan = ImprovementPlanner.Plan(rubric, unit.Unit.Code,
            units.Select(u => new PlannerTown(u.Unit.Code, u.Unit.Name, u.Inputs)).ToList());
        var findings = new FindingStore(connection).List(rubric.Id, period.ToString(), unit.Unit.Code).Where(f => !f.Withdrawn).ToList();
        if (findings.Count == 0)
        {
            return plan;
        }

        return plan with
        {
            Items = plan.Items.Select(i => findings.Where(f => f.ItemCode == i.ItemCode).ToList() is { Count: > 0 } cases
                ? i with { Cases = cases.Select(Describe).ToList() }
                : i).ToList(),
        };
    }

    /// <summary>A 街镇 by its name (岳阳街道) or its code (310117/岳阳街道).</summary>
    public static UnitInputs Find(IReadOnlyList<UnitInputs> units, string town, Rubric rubric) =>
        units.FirstOrDefault(u => u.Unit.Code == town || u.Unit.Name == town) ?? throw new ImprovementNotApplicableException(
            $"{rubric.District.Name}在 {rubric.Id} 的评分期内没有街镇“{town}”，可选：{string.Join("、", units.Select(u => u.Unit.Name))} (unknown town)");

    private static string Describe(Finding f) =>
        $"{f.FoundOn:yyyy-MM-dd} {f.FoundBy}发现 {f.Cases} 例：{f.Description}（证据：{f.Evidence}；编号 {f.Id}）";
}
