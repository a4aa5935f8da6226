using Analytics.Metrics.Warehouse.Anomalies;

namespace Analytics.Forecasting.Anomalies;

/// <summary>Precision and recall of one set of flags against the injected anomalies.</summary>
public sealed record DetectorScore(string Name, double Precision, double Recall, int Flags, int TruePositives, int Found, int Truth);

/// <summary>
/// Compares the rules, the RandomizedPca detector and both together against the generator's truth. A rule flag matches
/// an injected anomaly of its own kind; a combination flag names no kind, so it matches any injected anomaly of the same
/// 街镇 and quarter. Only the rules' record-level kinds (<see cref="AnomalyKinds.Evaluated"/>) are scored, as in
/// <see cref="AnomalyEvaluation"/>.
/// </summary>
public static class DetectorComparison
{
    public static IReadOnlyList<DetectorScore> Compare(IReadOnlyList<AnomalyFlag> ruleFlags, IReadOnlyList<AnomalyFlag> combinationFlags, IReadOnlyList<InjectedAnomaly> truth)
    {
        var rules = ruleFlags.Where(f => AnomalyKinds.Evaluated.Contains(f.Kind) && f.Level == "town").ToList();
        var combination = combinationFlags.Where(f => f.Kind == IndicatorCombinationDetector.Kind).ToList();
        return
        [
            Score("规则 rules", rules, truth),
            Score("RandomizedPca", combination, truth),
            Score("规则 + RandomizedPca", [.. rules, .. combination], truth),
        ];
    }

    public static bool Matches(InjectedAnomaly t, AnomalyFlag f) =>
        t.DistrictCode == f.DistrictCode && t.Town == f.TownName && t.Quarter == f.Period && (f.Kind == IndicatorCombinationDetector.Kind || f.Kind == t.Kind);

    private static DetectorScore Score(string name, IReadOnlyList<AnomalyFlag> flags, IReadOnlyList<InjectedAnomaly> truth)
    {
        var truePositives = flags.Count(f => truth.Any(t => Matches(t, f)));
        var found = truth.Count(t => flags.Any(f => Matches(t, f)));
        var precision = flags.Count == 0 ? (truth.Count == 0 ? 1 : 0) : (double)truePositives / flags.Count;
        var recall = truth.Count == 0 ? 1 : (double)found / truth.Count;
        return new DetectorScore(name, precision, recall, flags.Count, truePositives, found, truth.Count);
    }
}
