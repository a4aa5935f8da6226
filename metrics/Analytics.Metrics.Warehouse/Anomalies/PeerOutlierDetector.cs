using Analytics.Metrics.Warehouse.Indicators;
using MathNet.Numerics.Statistics;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>
/// 偏离同类街镇: a rate far from its peers (towns of the same district and type, same quarter), by the robust z-score
/// 0.6745 × (x − median) / MAD; |z| ≥ 3.5 flags (Iglewicz and Hoaglin). Needs 5 peers and a non-zero MAD.
/// </summary>
public sealed class PeerOutlierDetector : IAnomalyDetector
{
    public const double Threshold = 3.5;

    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        foreach (var indicator in IndicatorCatalog.All.Where(i => i.IsRatio))
        {
            var points = context.Series(indicator.Code)
                .SelectMany(kv => kv.Value.Where(p => p.Value is not null).Select(p => (Town: context.Towns[kv.Key], Point: p)));
            foreach (var group in points.GroupBy(x => (x.Town.DistrictCode, x.Town.TownType, x.Point.Period)))
            {
                var values = group.Select(x => (double)x.Point.Value!.Value).ToArray();
                if (values.Length < 5)
                {
                    continue;
                }

                var median = values.Median();
                var mad = values.Select(v => Math.Abs(v - median)).Median();
                if (mad <= 0)
                {
                    continue;
                }

                foreach (var (town, point) in group)
                {
                    var z = 0.6745 * ((double)point.Value!.Value - median) / mad;
                    if (Math.Abs(z) < Threshold)
                    {
                        continue;
                    }

                    // A scale indicator far from its peers is worth a look but is no one's shortfall.
                    var worse = indicator.Direction != IndicatorDirection.Neutral && (z > 0) == (indicator.Direction == IndicatorDirection.Lower);
                    var numbers = new Dictionary<string, object?>
                    {
                        ["value"] = point.Value, ["peer_median"] = Math.Round(median, 2), ["peer_mad"] = Math.Round(mad, 2), ["robust_z"] = Math.Round(z, 2),
                        ["peers"] = values.Length,
                    };
                    yield return context.TownFlag(AnomalyKinds.PeerOutlier, Math.Abs(z) >= 6 && worse ? Severity.Medium : Severity.Low, town.TownKey, point.Period,
                        indicator.Code, point.Value, (decimal)Math.Round(median, 2), z, numbers,
                        $"{point.Period} {indicator.NameZh} {point.Value:0.##}{indicator.Unit}，同区同类{town.TownType} {values.Length} 个中位数 {median:0.##}{indicator.Unit}，" +
                        $"稳健 z 值 {z:0.#}，{(worse ? "明显落后于" : z > 0 ? "明显高于" : "明显低于")}同类街镇");
                }
            }
        }
    }
}
