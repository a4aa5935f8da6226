using System.Text.Json;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>One injected anomaly of the demo generator's ground_truth.json.</summary>
public sealed record InjectedAnomaly(string Id, string Kind, string DistrictCode, string District, string Town, string Quarter, string Description);

/// <summary>Precision and recall of the flags against the injected anomalies, with what matched, was missed or was false.</summary>
public sealed record AnomalyEvaluation(
    double Precision,
    double Recall,
    IReadOnlyList<(InjectedAnomaly Truth, AnomalyFlag Flag)> Matched,
    IReadOnlyList<InjectedAnomaly> Missed,
    IReadOnlyList<AnomalyFlag> FalseFlags,
    int NotEvaluated)
{
    public static IReadOnlyList<InjectedAnomaly> ReadTruth(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("anomalies").EnumerateArray().Select(a => new InjectedAnomaly(
            a.GetProperty("id").GetString()!, a.GetProperty("kind").GetString()!, a.GetProperty("district_code").GetString()!,
            a.GetProperty("district").GetString()!, a.GetProperty("town").GetString()!, a.GetProperty("quarter").GetString()!,
            a.GetProperty("description").GetString()!)).ToList();
    }

    /// <summary>
    /// A flag matches an injected anomaly of the same kind, district, town and quarter. Only record-level kinds
    /// (<see cref="AnomalyKinds.Evaluated"/>) are scored: peer outliers and targets at risk describe real performance,
    /// which the generator does not label, so they are counted in <see cref="NotEvaluated"/> instead.
    /// </summary>
    public static AnomalyEvaluation Evaluate(IReadOnlyList<AnomalyFlag> flags, IReadOnlyList<InjectedAnomaly> truth)
    {
        var scored = flags.Where(f => AnomalyKinds.Evaluated.Contains(f.Kind) && f.Level == "town").ToList();
        bool Same(InjectedAnomaly t, AnomalyFlag f) => t.Kind == f.Kind && t.DistrictCode == f.DistrictCode && t.Town == f.TownName && t.Quarter == f.Period;
        var matched = new List<(InjectedAnomaly, AnomalyFlag)>();
        foreach (var t in truth)
        {
            if (scored.FirstOrDefault(f => Same(t, f)) is { } flag)
            {
                matched.Add((t, flag));
            }
        }

        var missed = truth.Where(t => !matched.Any(m => m.Item1 == t)).ToList();
        var falseFlags = scored.Where(f => !truth.Any(t => Same(t, f))).ToList();
        var truePositives = scored.Count - falseFlags.Count;
        var precision = scored.Count == 0 ? (truth.Count == 0 ? 1 : 0) : (double)truePositives / scored.Count;
        var recall = truth.Count == 0 ? 1 : (double)matched.Count / truth.Count;
        return new AnomalyEvaluation(precision, recall, matched, missed, falseFlags, flags.Count - scored.Count);
    }
}
