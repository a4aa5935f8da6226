using Analytics.Metrics.Warehouse.Indicators;
using MathNet.Numerics.Statistics;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>
/// A rate far from its peers (towns of the same district and type, same quarter), by the robust z-score
/// 0.6745 × (x − median) / MAD; |z| ≥ 3.5 flags (Iglewicz and Hoaglin). Needs 5 peers and a non-zero MAD. The
/// indicator's direction decides the reading: the bad side is 偏离同类街镇 (to check), the good side 亮点, and a scale
/// indicator is neither. The sentence is plain words; the statistics go to the flag's detail line.
/// </summary>
public sealed class PeerOutlierDetector : IAnomalyDetector
{
    public const double Threshold = 3.5;

    /// <summary>
    /// Rates read over another base elsewhere: 持等级证率 is held only by 养老护理员 (the rubric's S3.6b reading), so the
    /// all-staff rate would flag every 街镇 with many managers and nurses; its care-worker rate is compared instead.
    /// </summary>
    public static readonly IReadOnlySet<string> Superseded = new HashSet<string> { "eldercare.skill_certificate_rate" };

    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        foreach (var indicator in IndicatorCatalog.All.Where(i => i.IsRatio && !Superseded.Contains(i.Code)))
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

                    var side = Side(indicator.Direction, z);
                    var numbers = new Dictionary<string, object?>
                    {
                        ["value"] = point.Value, ["peer_median"] = Math.Round(median, 2), ["peer_mad"] = Math.Round(mad, 2), ["robust_z"] = Math.Round(z, 2),
                        ["peers"] = values.Length,
                    };
                    yield return context.TownFlag(side == PeerSide.Better ? AnomalyKinds.PeerHighlight : AnomalyKinds.PeerOutlier,
                        Math.Abs(z) >= 6 && side == PeerSide.Worse ? Severity.Medium : Severity.Low, town.TownKey, point.Period,
                        indicator.Code, point.Value, (decimal)Math.Round(median, 2), z, numbers,
                        $"{point.Period} {indicator.NameZh} {point.Value:0.##}{indicator.Unit}，{Wording(side, z)}",
                        $"同区同类{town.TownType} {values.Length} 个：中位数 {median:0.##}{indicator.Unit}，绝对中位差 {mad:0.##}，稳健 z 值 {z:0.#}（绝对值达 {Threshold} 即提示）");
                }
            }
        }
    }

    private enum PeerSide
    {
        Better,
        Worse,
        Scale,
    }

    private static PeerSide Side(IndicatorDirection direction, double z) => direction switch
    {
        IndicatorDirection.Neutral => PeerSide.Scale,
        IndicatorDirection.Higher => z > 0 ? PeerSide.Better : PeerSide.Worse,
        _ => z < 0 ? PeerSide.Better : PeerSide.Worse,
    };

    /// <summary>"明显低于同类街镇（较好）": where the value lies, then what that means for this indicator.</summary>
    private static string Wording(PeerSide side, double z) =>
        $"明显{(z > 0 ? "高于" : "低于")}同类街镇（{side switch { PeerSide.Better => "较好", PeerSide.Worse => "较差", _ => "规模指标，不分好坏" }}）";
}
