namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>One kind of anomaly detection over the warehouse and the metric tables.</summary>
public interface IAnomalyDetector
{
    IEnumerable<AnomalyFlag> Detect(AnomalyContext context);
}
