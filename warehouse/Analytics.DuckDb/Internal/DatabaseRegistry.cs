using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>
/// One native database instance per file per process, shared by every connection to that file.
/// DuckDB allows one instance per file; several connections on one instance are how several
/// threads work on one database (MVCC). The instance closes, and the file lock is released,
/// when the last connection closes.
/// </summary>
internal static class DatabaseRegistry
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, SharedDatabase> Open = new(StringComparer.Ordinal);

    public static SharedDatabase Acquire(string dataSource, IReadOnlyDictionary<string, string> options)
    {
        if (IsPrivateMemory(dataSource))
        {
            return new SharedDatabase(key: null, OpenNative(":memory:", options), options);
        }

        var key = NormaliseKey(dataSource);
        lock (Gate)
        {
            if (Open.TryGetValue(key, out var existing))
            {
                if (!SameOptions(existing.Options, options))
                {
                    throw new DuckDbException(
                        $"The database '{dataSource}' is already open in this process with different settings " +
                        $"({Describe(existing.Options)}); DuckDB allows one configuration per file and process.");
                }

                existing.RefCount++;
                return existing;
            }

            var database = new SharedDatabase(key, OpenNative(dataSource, options), options) { RefCount = 1 };
            Open.Add(key, database);
            return database;
        }
    }

    public static void Release(SharedDatabase database)
    {
        if (database.Key is null)
        {
            database.Handle.Dispose();
            return;
        }

        lock (Gate)
        {
            if (--database.RefCount > 0)
            {
                return;
            }

            Open.Remove(database.Key);
            database.Handle.Dispose();
        }
    }

    private static bool IsPrivateMemory(string dataSource) =>
        dataSource.Length == 0 || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase);

    private static string NormaliseKey(string dataSource) =>
        dataSource.StartsWith(":memory:", StringComparison.OrdinalIgnoreCase) ? dataSource : Path.GetFullPath(dataSource);

    private static bool SameOptions(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.OrdinalIgnoreCase));

    private static string Describe(IReadOnlyDictionary<string, string> options) =>
        options.Count == 0 ? "defaults" : string.Join(", ", options.Select(p => $"{p.Key}={p.Value}"));

    private static DatabaseHandle OpenNative(string path, IReadOnlyDictionary<string, string> options)
    {
        NativeMethods.EnsureLoaded();
        using var config = new ConfigHandle();
        ThrowHelper.CheckState(NativeMethods.CreateConfig(out var configPointer), "create a configuration");
        config.Adopt(configPointer);
        foreach (var (name, value) in options)
        {
            if (NativeMethods.SetConfig(config, name, value) != DuckDbState.Success)
            {
                throw new DuckDbException($"DuckDB rejected the setting {name}='{value}': unknown option or invalid value.");
            }
        }

        var database = new DatabaseHandle();
        var state = NativeMethods.OpenExt(path, out var databasePointer, config, out var errorPointer);
        var error = NativeMethods.ReadAndFreeString(errorPointer);
        if (state != DuckDbState.Success)
        {
            if (databasePointer != IntPtr.Zero)
            {
                NativeMethods.Close(ref databasePointer);
            }

            ThrowHelper.ThrowDuckDb(error, $"DuckDB could not open '{path}'.");
        }

        database.Adopt(databasePointer);
        return database;
    }
}

/// <summary>A native database instance with the settings it was opened with and its users.</summary>
internal sealed class SharedDatabase(string? key, DatabaseHandle handle, IReadOnlyDictionary<string, string> options)
{
    public string? Key { get; } = key;
    public DatabaseHandle Handle { get; } = handle;
    public IReadOnlyDictionary<string, string> Options { get; } = options;
    public int RefCount { get; set; }

    /// <summary>Names of .NET functions whose registration is committed: they last as long as the instance.</summary>
    public HashSet<string> CommittedFunctions { get; } = new(StringComparer.OrdinalIgnoreCase);
}
