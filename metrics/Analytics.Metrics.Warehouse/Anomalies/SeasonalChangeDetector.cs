using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Indicators;
using MathNet.Numerics.Statistics;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>
/// 骤降/骤增: a town's quarterly volume far from its own seasonal history. The baseline is the median of the same
/// quarter in earlier years (values already flagged are left out, so one bad quarter does not poison next year's
/// baseline). A flag needs both a large ratio (≤ 0.5 or ≥ 3) and a large Poisson z (|x − b| / √b ≥ 6): counts of a few
/// dozen cases a quarter (临时救助 in a small town) are over-dispersed, and doubling from 5 to 14 is still noise. Flags of several indicators in the same town and quarter are merged into one.
/// </summary>
public sealed class SeasonalChangeDetector : IAnomalyDetector
{
    public const double DropRatio = 0.5;
    public const double SpikeRatio = 3.0;
    public const double MinimumZ = 6.0;
    public const double MinimumBaseline = 5.0;

    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        var raw = new List<(int Town, SeriesPoint Point, string Kind, Indicator Indicator, double Baseline, double Ratio, double Z, int Years)>();
        foreach (var indicator in IndicatorCatalog.All.Where(i => i.WatchChanges))
        {
            foreach (var (town, series) in context.Series(indicator.Code))
            {
                var flagged = new HashSet<(int, int)>();
                foreach (var point in series)
                {
                    if (point.Value is not { } value)
                    {
                        continue;
                    }

                    var history = series.Where(p => p.Quarter == point.Quarter && p.Year < point.Year && p.Value is not null && !flagged.Contains((p.Year, p.Quarter)))
                        .Select(p => (double)p.Value!.Value).ToList();
                    if (history.Count == 0)
                    {
                        continue;
                    }

                    var baseline = history.Median();
                    if (baseline < MinimumBaseline)
                    {
                        continue;
                    }

                    var v = (double)value;
                    var ratio = v / baseline;
                    var z = (v - baseline) / Math.Sqrt(baseline);
                    var kind = ratio <= DropRatio && z <= -MinimumZ ? AnomalyKinds.SuddenDrop
                        : ratio >= SpikeRatio && z >= MinimumZ ? AnomalyKinds.SuddenSpike : null;
                    if (kind is not null)
                    {
                        flagged.Add((point.Year, point.Quarter));
                        raw.Add((town, point, kind, indicator, baseline, ratio, z, history.Count));
                    }
                }
            }
        }

        foreach (var group in raw.GroupBy(r => (r.Town, r.Point.Period, r.Kind)))
        {
            var main = group.OrderByDescending(r => Math.Abs(Math.Log(r.Ratio))).First();
            var spike = main.Kind == AnomalyKinds.SuddenSpike;
            var severity = main.Ratio <= 1 / 3.0 || main.Ratio >= 3 ? Severity.High : Severity.Medium;
            var observed = main.Point.Value!.Value;
            var expected = Math.Round((decimal)main.Baseline, 1);
            var qoq = main.Point.QoqPrevious is { } prev && prev != 0 ? Math.Round(observed / prev, 2) : (decimal?)null;
            var numbers = new Dictionary<string, object?>
            {
                ["observed"] = observed, ["seasonal_baseline"] = expected, ["ratio"] = Math.Round(main.Ratio, 3), ["poisson_z"] = Math.Round(main.Z, 1),
                ["baseline_years"] = main.Years, ["qoq_ratio"] = qoq,
                ["indicators"] = group.Select(g => g.Indicator.Code).Distinct().ToList(),
            };
            var also = group.Select(g => g.Indicator.NameZh).Distinct().Where(n => n != main.Indicator.NameZh).ToList();
            var message = $"{main.Point.Period} {main.Indicator.NameZh} {Fmt.Num(observed)}{main.Indicator.Unit}，" +
                $"为往年同季度中位数 {Fmt.Num(expected)} 的 {main.Ratio:0.##} 倍，{(spike ? "骤增" : "骤降")}" +
                (also.Count > 0 ? $"（{string.Join("、", also)}同样异常）" : "") + "，请核实数据或业务情况";
            yield return context.TownFlag(main.Kind, severity, main.Town, main.Point.Period, main.Indicator.Code, observed, expected, main.Ratio, numbers, message);
        }
    }
}
