using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Analytics.Dashboard.Configuration;
using Analytics.Dashboard.Leadership;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// The console's copy of the warehouse: one file made with <c>COPY FROM DATABASE</c> (without the host's schema
/// <c>app</c> and its bookkeeping), made again when a load has committed or a judgement or finding changed since
/// (<see cref="JudgementVersion"/>). Before each copy the current scores and anomaly flags are written to the
/// warehouse's score_result, score_item and anomaly_flag (<see cref="LeadershipScores.StoreResults"/>), so analysts query
/// what leaders see. <see cref="SqlSnapshotWarmUp"/> makes it in the background, so a visit rarely waits for it. DuckDB shows the path of every file a
/// query can see, so the file lives in a folder whose path says nothing about the host (the temporary folder, then a
/// hash of the warehouse path) under a random name, and every cell and message the console shows has the host's paths
/// replaced (<see cref="Scrub"/>): a user who re-encodes the path in SQL learns only that neutral temporary path. The
/// console never writes to it (only reads are run), it is owner-read-only, and before each use its size, time and first
/// bytes are compared with what was made: a snapshot that was touched, or that has DuckDB's <c>.wal</c>,
/// <c>.wal.checkpoint</c>, <c>.wal.recovery</c> or <c>.tmp</c> beside it, is replaced, and files of earlier snapshots
/// and earlier runs of the host are removed.
/// </summary>
public sealed class SqlSnapshot(
    WarehouseDatabase warehouse,
    LeadershipScores scores,
    IOptions<SqlConsoleOptions> options,
    IOptions<AnalyticsOptions> analyticsOptions,
    ILogger<SqlSnapshot> logger)
{
    /// <summary>Suffixes of the files DuckDB may put beside a database file.</summary>
    public static readonly string[] Leftovers = [".wal", ".wal.checkpoint", ".wal.recovery", ".tmp"];

    private const int FingerprintBytes = 256 * 1024;

    /// <summary>Schemas and tables of the warehouse that are the host's own and never reach the snapshot.</summary>
    private static readonly string[] PrivateObjects = ["DROP SCHEMA IF EXISTS {0}.app CASCADE", "DROP TABLE IF EXISTS {0}.main.warehouse_meta"];

    private static readonly DateTime ProcessStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    private readonly object _gate = new();
    private string? _path;
    private string? _stamp;
    private Fingerprint? _fingerprint;
    private string[]? _hostPaths;

    /// <summary>How many snapshots this host has made (a touched one is replaced by a new one).</summary>
    public int Generation { get; private set; }

    /// <summary>The folder of the snapshot files.</summary>
    public string Folder
    {
        get
        {
            var configured = options.Value.SnapshotFolder;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return Path.GetFullPath(configured);
            }

            var warehousePath = Path.GetFullPath(analyticsOptions.Value.DatabasePath);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(warehousePath)))[..12];
            return Path.Combine(Path.GetTempPath(), "analytics-sql-console", hash);
        }
    }

    /// <summary>
    /// The path of a current, untouched snapshot: made (again) when there is none, a load committed or a judgement or
    /// finding changed since, or it was touched.
    /// </summary>
    public string EnsureCurrent()
    {
        lock (_gate)
        {
            string stamp;
            using (var connection = warehouse.Connect())
            {
                stamp = Scalar(connection,
                    "SELECT count(*)::VARCHAR || ':' || coalesce(max(run_id), 0)::VARCHAR || ':' || count(finished_at)::VARCHAR FROM etl_run")
                    + ":" + JudgementVersion.Read(connection);
            }

            if (_path is not null && stamp == _stamp)
            {
                if (Untouched(_path))
                {
                    return _path;
                }

                logger.LogWarning("The SQL console snapshot was changed on disk; it is replaced by a new one");
            }

            return Make(stamp);
        }
    }

    /// <summary>Replaces every path of the host a cell or DuckDB message could name (snapshot, folders, home) with a neutral word.</summary>
    public string Scrub(string message)
    {
        _hostPaths ??= new[]
            {
                Folder, Path.GetDirectoryName(Path.GetFullPath(analyticsOptions.Value.DatabasePath)), Path.GetTempPath().TrimEnd('/'),
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Environment.CurrentDirectory,
            }
            // DuckDB cuts a long query line in its messages, so the snapshot folder's own names are replaced on their own too.
            .Concat(Path.GetRelativePath(Path.GetTempPath(), Folder).Split(Path.DirectorySeparatorChar))
            .Where(p => !string.IsNullOrEmpty(p) && p.Length > 3)
            .Select(p => p!)
            .OrderByDescending(p => p.Length)
            .ToArray();
        foreach (var path in _hostPaths)
        {
            if (message.Contains(path, StringComparison.Ordinal))
            {
                message = message.Replace(path, "[服务器路径]", StringComparison.Ordinal);
            }
        }

        return message;
    }

    private string Make(string stamp)
    {
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"warehouse-{Guid.NewGuid():N}.duckdb");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            scores.StoreResults();
        }
        catch (DuckDBException ex)
        {
            // Another host on the same file storing its results at the same moment conflicts; the tables then hold its copy.
            logger.LogWarning(ex, "Scores and flags not stored before the SQL console snapshot: {Message}", ex.Message);
        }

        using (var connection = warehouse.Connect())
        {
            var source = "\"" + Scalar(connection, "SELECT current_database()").Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            // Attached names are shared by every connection of the database: hosts of one process each use their own.
            var alias = $"sql_sandbox_snapshot_{Guid.NewGuid():N}";
            Execute(connection, $"ATTACH '{path.Replace("'", "''", StringComparison.Ordinal)}' AS {alias}");
            try
            {
                Execute(connection, $"COPY FROM DATABASE {source} TO {alias}");
                foreach (var drop in PrivateObjects)
                {
                    Execute(connection, string.Format(CultureInfo.InvariantCulture, drop, alias));
                }
            }
            finally
            {
                Execute(connection, $"DETACH {alias}");
            }
        }

        foreach (var suffix in Leftovers)
        {
            TryDelete(path + suffix);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
        }
        var previous = _path;
        _path = path;
        _stamp = stamp;
        _fingerprint = Fingerprint.Of(path);
        Generation++;
        logger.LogInformation("SQL console snapshot made in {Elapsed} (warehouse state {Stamp})", stopwatch.Elapsed, stamp);
        RemoveStale(folder, path, previous);
        return path;
    }

    private bool Untouched(string path) =>
        File.Exists(path) && Leftovers.All(suffix => !File.Exists(path + suffix)) && Fingerprint.Of(path) == _fingerprint;

    /// <summary>
    /// Removes the previous snapshot, DuckDB's side files of any snapshot, and files left by earlier runs of the host.
    /// Snapshots of other hosts of this process on the same warehouse stay (on Linux a deleted file stays readable by
    /// queries that have it open).
    /// </summary>
    private void RemoveStale(string folder, string current, string? previous)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (file == current)
            {
                continue;
            }

            var stale = file == previous
                || (previous is not null && file.StartsWith(previous, StringComparison.Ordinal))
                || !file.EndsWith(".duckdb", StringComparison.Ordinal)
                || File.GetLastWriteTimeUtc(file) < ProcessStart;
            if (stale)
            {
                TryDelete(file);
            }
        }
    }

    private void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "SQL console snapshot file not deleted: {Message}", ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            logger.LogWarning(ex, "SQL console snapshot file not deleted: {Message}", ex.Message);
        }
    }

    private static string Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Size, modification time and a hash of the first bytes (DuckDB's headers and the first blocks).</summary>
    private sealed record Fingerprint(long Length, DateTime Modified, string Head)
    {
        public static Fingerprint? Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var buffer = new byte[(int)Math.Min(FingerprintBytes, info.Length)];
                stream.ReadExactly(buffer);
                return new Fingerprint(info.Length, info.LastWriteTimeUtc, Convert.ToHexString(SHA256.HashData(buffer)));
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
