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

        lock (FileLock(connection))
        {
            return isCurrent() ? null : refresh();
        }
    }

    /// <summary>
    /// The same for a refresh whose computation is slow (training models): <paramref name="compute"/> runs outside the
    /// file's lock, one computation of <paramref name="name"/> at a time per file, so a refresh of other tables (the metric
    /// tables a page needs) never waits for it; only <paramref name="write"/> holds the file's lock.
    /// </summary>
    public static T? IfStale<TWork, T>(DbConnection connection, string name, Func<bool> isCurrent, Func<TWork> compute, Func<TWork, T> write) where T : class
    {
        if (isCurrent())
        {
            return null;
        }

        lock (Locks.GetOrAdd($"{connection.DataSource}|{name}", _ => new object()))
        {
            if (isCurrent())
            {
                return null;
            }

            var work = compute();
            lock (FileLock(connection))
            {
                return write(work);
            }
        }
    }

    private static object FileLock(DbConnection connection) => Locks.GetOrAdd(connection.DataSource, _ => new object());
}
