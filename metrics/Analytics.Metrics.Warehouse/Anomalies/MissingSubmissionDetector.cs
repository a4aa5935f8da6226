namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>台账未报送: a town without a ledger in a quarter for which other towns' ledgers were loaded.</summary>
public sealed class MissingSubmissionDetector : IAnomalyDetector
{
    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        foreach (var (town, series) in context.Series("ledger.submitted"))
        {
            foreach (var p in series.Where(p => p.Value == 0m))
            {
                yield return context.TownFlag(AnomalyKinds.MissingSubmission, Severity.High, town, p.Period, "ledger.submitted", 0m, 1m, 1,
                    new Dictionary<string, object?> { ["submitted"] = 0, ["expected"] = 1 },
                    $"{p.Period} 未报送街镇季度台账，台账类评分项按缺数据处理");
            }
        }
    }
}
