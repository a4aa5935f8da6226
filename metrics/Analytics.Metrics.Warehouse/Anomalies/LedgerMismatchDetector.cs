using Analytics.Metrics.Rules;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>台账与系统不一致: the ledger's 低保在册人数 differs from the system's active 低保 recipients at quarter end.</summary>
public sealed class LedgerMismatchDetector : IAnomalyDetector
{
    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        var system = context.Series("dibao.recipients");
        foreach (var (town, reported) in context.Series("dibao.recipients_reported"))
        {
            var counts = system.GetValueOrDefault(town)?.ToDictionary(p => p.Period, p => p.Value) ?? [];
            foreach (var point in reported)
            {
                if (point.Value is not { } ledger || counts.GetValueOrDefault(point.Period) is not { } actual || ledger == actual)
                {
                    continue;
                }

                var difference = ledger - actual;
                var share = actual == 0 ? 1m : Math.Abs(difference) / actual;
                var severity = share >= 0.05m || Math.Abs(difference) >= 10 ? Severity.High : share >= 0.01m ? Severity.Medium : Severity.Low;
                var numbers = new Dictionary<string, object?> { ["ledger"] = ledger, ["system"] = actual, ["difference"] = difference, ["share"] = Math.Round(share, 4) };
                yield return context.TownFlag(AnomalyKinds.LedgerMismatch, severity, town, point.Period, "dibao.recipients_reported", ledger, actual, (double)difference,
                    numbers, $"{point.Period} 台账低保在册 {Fmt.Num(ledger)} 人，社会救助信息系统 {Fmt.Num(actual)} 人，相差 {Fmt.Num(difference)} 人，台账与系统不一致");
            }
        }
    }
}
