using System.Globalization;

namespace Analytics.Bench;

/// <summary>
/// Rounds of a benchmark that compares a load with DuckDB's own on this noisy machine (its speed drifts by a third
/// within minutes): the two alternate, and the median round is the figure.
/// </summary>
internal static class BenchRounds
{
    /// <summary>
    /// Runs both of a round; the reference goes first in odd rounds, so that neither always inherits what the other
    /// leaves behind (dirty pages, a warm cache).
    /// </summary>
    public static (TReference Reference, TCandidate Candidate) Run<TReference, TCandidate>(
        int round, Func<TReference> reference, Func<TCandidate> candidate)
    {
        if (round % 2 == 1)
        {
            var first = reference();
            return (first, candidate());
        }

        var second = candidate();
        return (reference(), second);
    }

    /// <summary>The lower median by <paramref name="ratio"/>: a round that really happened, never flattered by an even count.</summary>
    public static T Median<T>(IReadOnlyList<T> rounds, Func<T, double> ratio) =>
        rounds.OrderBy(ratio).ElementAt((rounds.Count - 1) / 2);

    /// <summary>Every round's ratio, for the line that gives the median.</summary>
    public static string Ratios<T>(IEnumerable<T> rounds, Func<T, double> ratio) =>
        string.Join(", ", rounds.Select(r => ratio(r).ToString("F2", CultureInfo.InvariantCulture)));
}
