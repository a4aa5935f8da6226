using System.Collections.Concurrent;
using System.Data.Common;

namespace Analytics.Warehouse;

/// <summary>
/// Runs a refresh of derived tables (the metric tables, the learned outputs) at most once at a time per warehouse file in
/// this process. A page and the background warm-up can both find the tables stale; without the lock both would rewrite
/// them and the second commit would fail on DuckDB's write-write conflict.
/// </summary>
public static class DerivedTableRefresh
{
    private static readonly ConcurrentDictionary<string, object> Locks = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="refresh"/> when <paramref name="isCurrent"/> says the tables are stale, checking again
    /// under the file's lock; null when they were (or became) current.</summary>
    public static T? IfStale<T>(DbConnection connection, Func<bool> isCurrent, Func<T> refresh) where T : class
    {
        if (isCurrent())
        {
            return null;
        }

        lock (Locks.GetOrAdd(connection.DataSource, _ => new object()))
        {
            return isCurrent() ? null : refresh();
        }
    }
}
