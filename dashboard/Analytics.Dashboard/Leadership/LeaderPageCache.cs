using System.Collections.Concurrent;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Leadership;

/// <summary>
/// What the leader pages show (scorecards, drill-downs, 街镇 profiles, the comparison), computed once per version of what
/// they are made from: the data version (a load committed), and the judgement version (视情给分 and findings, read from
/// their history sequences, so a change from any page or process counts). Entries are keyed by everything the caller's
/// result depends on (rubric, period, 街镇, and an access scope where one narrows it); a new version empties the cache,
/// so the next request after a judgement or a load computes afresh. Concurrent requests for one key compute it once.
/// </summary>
public sealed class LeaderPageCache(WarehouseDatabase warehouse)
{
    private readonly Lock _gate = new();
    private ConcurrentDictionary<string, Lazy<object?>> _entries = new(StringComparer.Ordinal);
    private (long Data, string Judgements)? _version;

    /// <summary>How many results were computed rather than served from the cache (for tests and logs).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    private long _computed;

    public T GetOrAdd<T>(string key, Func<T> compute) where T : class?
    {
        var entries = Current();
        var entry = entries.GetOrAdd(key, _ => new Lazy<object?>(() =>
        {
            Interlocked.Increment(ref _computed);
            return compute();
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)entry.Value!;
        }
        catch
        {
            // A failed computation is not kept: the next request tries again and reports its own error.
            entries.TryRemove(new KeyValuePair<string, Lazy<object?>>(key, entry));
            throw;
        }
    }

    /// <summary>The entries of the current versions; read the versions before computing, so a change meanwhile is seen next time.</summary>
    private ConcurrentDictionary<string, Lazy<object?>> Current()
    {
        string judgements;
        using (var connection = warehouse.Connect())
        {
            judgements = JudgementVersion.Read(connection);
        }

        var version = (warehouse.DataVersion, judgements);
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
