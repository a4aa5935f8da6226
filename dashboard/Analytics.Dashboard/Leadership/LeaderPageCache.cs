using System.Collections.Concurrent;
using Analytics.Dashboard.Security;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Learned;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Leadership;

/// <summary>
/// What the leader pages show (scorecards, drill-downs, 街镇 profiles, the comparison), computed once per version of what
/// they are made from: the data version (a load committed), the judgement version (视情给分, bureau entries and findings,
/// read from their history sequences, so a change from any page or process counts), the flag-review version (the flag
/// workflow) and the stamp of the learned outputs (a training committing in the background after a load). A new version
/// empties the cache, so the next request after a judgement, a review, a load or a training computes afresh. Entries are
/// keyed by what the result depends on (rubric, period, 街镇) and by the access scope: the districts the result covers
/// that the user may see. Users whose scopes see the same of them share an entry; a user is never served an entry made
/// for another scope. Concurrent requests for one key compute it once.
/// </summary>
public sealed class LeaderPageCache(WarehouseDatabase warehouse)
{
    private readonly Lock _gate = new();
    private ConcurrentDictionary<string, Lazy<object?>> _entries = new(StringComparer.Ordinal);
    private (long Data, string Judgements, long Reviews, string? Learned)? _version;

    /// <summary>How many results were computed rather than served from the cache (for tests and logs).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    private long _computed;

    /// <summary>
    /// The result for <paramref name="key"/> as <paramref name="scope"/> sees it, when the result covers
    /// <paramref name="covers"/> (district codes); <paramref name="compute"/> is given the city, or the covered districts
    /// a district account may see, and must show nothing of the others.
    /// </summary>
    public T GetOrAdd<T>(string key, DistrictScope scope, IEnumerable<string> covers, Func<DistrictScope, T> compute) where T : class?
    {
        // The city sees everything, also a district the result holds beyond those named; a district account only its own.
        var visible = scope.IsCity ? null : covers.Where(scope.Allows).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scopedKey = $"{(visible is null ? DistrictScope.CityValue : string.Join(",", visible))}|{key}";
        var entries = Current();
        var entry = entries.GetOrAdd(scopedKey, _ => new Lazy<object?>(() =>
        {
            Interlocked.Increment(ref _computed);
            return compute(visible is null ? DistrictScope.City : new DistrictScope(visible.ToHashSet(StringComparer.Ordinal)));
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)entry.Value!;
        }
        catch
        {
            // A failed computation is not kept: the next request tries again and reports its own error.
            entries.TryRemove(new KeyValuePair<string, Lazy<object?>>(scopedKey, entry));
            throw;
        }
    }

    /// <summary>The entries of the current versions; read the versions before computing, so a change meanwhile is seen next time.</summary>
    private ConcurrentDictionary<string, Lazy<object?>> Current()
    {
        string judgements;
        long reviews;
        string? learned;
        using (var connection = warehouse.Connect())
        {
            judgements = JudgementVersion.Read(connection);
            reviews = FlagReviewStore.Version(connection);
            learned = LearnedOutputs.Stamp(connection);
        }

        var version = (warehouse.DataVersion, judgements, reviews, learned);
        lock (_gate)
        {
            if (_version != version)
            {
                _version = version;
                _entries = new ConcurrentDictionary<string, Lazy<object?>>(StringComparer.Ordinal);
            }

            return _entries;
        }
    }
}
