using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>年度目标有风险: a district's annual target whose linear projection to year end (or current level) is below target.</summary>
public sealed class TargetAtRiskDetector : IAnomalyDetector
{
    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        var available = new HashSet<string>();
        using (var command = context.Connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT period FROM metric_quantity_value WHERE quarter IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                available.Add(reader.GetString(0));
            }
        }

        var scorer = new TownScorer(context.Connection);
        foreach (var rubric in RubricCatalog.All.Where(r => r.Items.Any(i => i.Rule is TargetRule)))
        {
            foreach (var quarter in Enumerable.Range(1, 3).Select(q => AssessmentPeriod.ForQuarter(rubric.Year, q)).Where(p => available.Contains(p.ToString())))
            {
                var district = scorer.Score(rubric, quarter, store: false).District;
                foreach (var item in district.Result.Items.Where(i => i.Target is { OnTrack: false }))
                {
                    var t = item.Target!;
                    var shortfall = t.Target == 0 ? 1m : 1m - t.ProjectedYearEnd / t.Target;
                    var numbers = new Dictionary<string, object?>
                    {
                        ["target"] = t.Target, ["to_date"] = t.ToDate, ["projected"] = t.ProjectedYearEnd, ["quarters_elapsed"] = t.QuartersElapsed, ["rubric"] = rubric.Id,
                        ["item"] = item.Code,
                    };
                    yield return new AnomalyFlag(AnomalyKinds.TargetAtRisk, shortfall >= 0.5m ? Severity.High : Severity.Medium, "district", rubric.District.Code,
                        rubric.District.Name, null, null, quarter.ToString(), item.Code, t.ProjectedYearEnd, t.Target, (double)shortfall, numbers,
                        $"{rubric.District.Name}：{item.Name}，截至 {quarter} 完成 {Fmt.Num(t.ToDate)}，按进度推算全年 {Fmt.Num(t.ProjectedYearEnd)}，低于目标 {Fmt.Num(t.Target)}，年度目标有风险");
                }
            }
        }
    }
}
