using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Indicators;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Forecasting.Anomalies;

/// <summary>
/// 指标组合异常: a 街镇-quarter whose indicators, taken together, leave the pattern its district and 街镇 type share, found
/// by Microsoft.ML's RandomizedPca. Each indicator is read as log(1 + value) less the 街镇's own median over its
/// quarters (so size drops out), then standardised within the group. The principal components learn how indicators move
/// together; a row far from them (large reconstruction error) breaks that pattern even when every indicator is within
/// its own normal range. The flag names the indicators that carry most of the error.
/// </summary>
public sealed class IndicatorCombinationDetector : IAnomalyDetector
{
    public const string Kind = AnomalyKinds.IndicatorCombination;

    /// <summary>Indicators that move with the 街镇's work and with each other; each group-quarter row needs all of them.</summary>
    public static IReadOnlyList<string> Indicators { get; } =
    [
        "eldercare.meals_served", "eldercare.subsidised_meals", "assistance.temporary_cases", "assistance.payment_amount",
        "dibao.recipients", "dibao.recipients_reported", "low_income.recipients", "hedui.submitted",
    ];

    public const int IndicatorCount = 8;

    public const int Rank = 5;

    /// <summary>A row is flagged when its squared reconstruction error exceeds this many times the group's median.</summary>
    public const double Threshold = 12.0;

    /// <summary>
    /// The indicator carrying most of the error must also be this far (relative) from its reconstruction: in a group whose
    /// rows fit the components almost exactly, a one-person difference can be many times the median error.
    /// </summary>
    public const double MinimumDeviation = 0.05;

    private const int Seed = 20240101;

    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context) => Score(context).Where(IsFlagged).Select(r => Flag(context, r));

    public static bool IsFlagged(CombinationScore s) =>
        s.Ratio >= Threshold && s.Contributions[0] is var top && top.Expected > 0 && Math.Abs(top.Observed - top.Expected) / top.Expected >= MinimumDeviation;

    /// <summary>Every scored 街镇-quarter with its reconstruction error, its ratio to the group median and the per-indicator errors.</summary>
    public IReadOnlyList<CombinationScore> Score(AnomalyContext context)
    {
        var series = Indicators.Select(code => context.Series(code)).ToList();
        var rows = new List<(int Town, int Year, int Quarter, double[] Raw)>();
        foreach (var town in series[0].Keys.Order())
        {
            foreach (var point in series[0][town])
            {
                var raw = new double[Indicators.Count];
                var complete = true;
                for (var i = 0; i < Indicators.Count && complete; i++)
                {
                    var value = series[i].TryGetValue(town, out var s) ? s.FirstOrDefault(p => p.Year == point.Year && p.Quarter == point.Quarter)?.Value : null;
                    complete = value is not null;
                    raw[i] = complete ? Math.Log(1 + Math.Max(0, (double)value!.Value)) : 0;
                }

                if (complete)
                {
                    rows.Add((town, point.Year, point.Quarter, raw));
                }
            }
        }

        var scores = new List<CombinationScore>();
        foreach (var group in rows.GroupBy(r => (context.Towns[r.Town].DistrictCode, context.Towns[r.Town].TownType)).OrderBy(g => g.Key))
        {
            scores.AddRange(ScoreGroup(group.ToList()));
        }

        return scores;
    }

    private static IEnumerable<CombinationScore> ScoreGroup(List<(int Town, int Year, int Quarter, double[] Raw)> rows)
    {
        var n = Indicators.Count;
        if (rows.Count < 3 * n)
        {
            yield break;
        }

        // Centre each indicator on the 街镇's own median, then scale by the group's spread.
        var centred = new double[rows.Count][];
        var medians = rows.GroupBy(r => r.Town).ToDictionary(g => g.Key, g => Enumerable.Range(0, n).Select(i => Median(g.Select(r => r.Raw[i]))).ToArray());
        for (var k = 0; k < rows.Count; k++)
        {
            centred[k] = Enumerable.Range(0, n).Select(i => rows[k].Raw[i] - medians[rows[k].Town][i]).ToArray();
        }

        var spread = Enumerable.Range(0, n).Select(i =>
        {
            var mean = centred.Average(c => c[i]);
            return Math.Sqrt(centred.Average(c => (c[i] - mean) * (c[i] - mean)));
        }).ToArray();
        var features = centred.Select(c => new FeatureRow { Features = c.Select((v, i) => spread[i] > 1e-9 ? (float)(v / spread[i]) : 0f).ToArray() }).ToList();

        var ml = new MLContext(Seed);
        var model = ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options { Rank = Rank, Seed = Seed, EnsureZeroMean = true })
            .Fit(ml.Data.LoadFromEnumerable(features)).Model;
        VBuffer<float>[] vectors = [];
        model.GetEigenVectors(ref vectors, out var rank);
        var meanBuffer = default(VBuffer<float>);
        model.GetMean(ref meanBuffer);
        var mean = meanBuffer.DenseValues().Select(v => (double)v).ToArray();
        var components = vectors.Take(rank).Select(v => v.DenseValues().Select(x => (double)x).ToArray()).ToArray();

        var errors = features.Select(f => Residual(f.Features, mean, components)).ToList();
        var median = Median(errors.Select(e => e.Sum(x => x * x)));
        for (var k = 0; k < rows.Count; k++)
        {
            var squared = errors[k].Select(x => x * x).ToArray();
            var total = squared.Sum();
            var contributions = Enumerable.Range(0, n)
                .Select(i => new IndicatorContribution(Indicators[i], total > 0 ? squared[i] / total : 0, features[k].Features[i], features[k].Features[i] - errors[k][i],
                    Math.Exp(rows[k].Raw[i]) - 1, Math.Exp(medians[rows[k].Town][i] + (features[k].Features[i] - errors[k][i]) * spread[i]) - 1))
                .OrderByDescending(c => c.Share).ToList();
            yield return new CombinationScore(rows[k].Town, rows[k].Year, rows[k].Quarter, total, median > 0 ? total / median : 0, contributions);
        }
    }

    /// <summary>The standardised row less its projection on the principal components: the part the shared pattern cannot explain.</summary>
    private static double[] Residual(float[] x, double[] mean, double[][] components)
    {
        var centred = x.Select((v, i) => v - mean[i]).ToArray();
        var residual = (double[])centred.Clone();
        foreach (var e in components)
        {
            var dot = centred.Select((v, i) => v * e[i]).Sum();
            for (var i = 0; i < residual.Length; i++)
            {
                residual[i] -= dot * e[i];
            }
        }

        return residual;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static AnomalyFlag Flag(AnomalyContext context, CombinationScore s)
    {
        var period = $"{s.Year}Q{s.Quarter}";
        var top = s.Contributions.Take(2).ToList();
        var words = string.Join("；", top.Select(c =>
        {
            var indicator = IndicatorCatalog.All.First(i => i.Code == c.IndicatorCode);
            return $"{indicator.NameZh} {c.Observed:#,0}{indicator.Unit}，按其他指标的共同走势应约 {c.Expected:#,0}{indicator.Unit}（占偏离 {c.Share:0%}）";
        }));
        var numbers = new Dictionary<string, object?>
        {
            ["reconstruction_error"] = Math.Round(s.Error, 3), ["ratio_to_group_median"] = Math.Round(s.Ratio, 1),
            ["contributions"] = top.ToDictionary(c => c.IndicatorCode, c => (object?)Math.Round(c.Share, 3)),
        };
        return context.TownFlag(Kind, Severity.Medium, s.TownKey, period, top[0].IndicatorCode, (decimal)Math.Round(top[0].Observed, 2),
            (decimal)Math.Round(top[0].Expected, 2), s.Ratio, numbers, $"{period} 指标组合偏离同区同类街镇的共同规律：{words}",
            $"RandomizedPca 重构误差为同组中位数的 {s.Ratio:0.#} 倍（阈值 {Threshold:0} 倍，主要指标偏离 ≥ {MinimumDeviation:0%}）");
    }

    private sealed class FeatureRow
    {
        [VectorType(IndicatorCount)]
        public float[] Features { get; set; } = [];
    }
}

/// <summary>One indicator's part in a row's reconstruction error.</summary>
/// <param name="Share">Its share of the row's squared error.</param>
/// <param name="Standardised">The standardised value; <paramref name="Reconstructed"/> what the components predict.</param>
/// <param name="Observed">The value in its own unit; <paramref name="Expected"/> the value the reconstruction implies.</param>
public sealed record IndicatorContribution(string IndicatorCode, double Share, double Standardised, double Reconstructed, double Observed, double Expected);

/// <summary>A scored 街镇-quarter: squared reconstruction error, its ratio to the group's median, and the contributions largest first.</summary>
public sealed record CombinationScore(int TownKey, int Year, int Quarter, double Error, double Ratio, IReadOnlyList<IndicatorContribution> Contributions);
