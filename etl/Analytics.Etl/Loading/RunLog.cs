using System.Collections.Concurrent;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Sources;

namespace Analytics.Etl.Loading;

/// <summary>Writes and reads the etl_run log.</summary>
public static class RunLog
{
    /// <summary>Status of a run whose load has not finished: still going, or killed (shown as 中断).</summary>
    public const string Running = "running";

    // Runs journalled by this process and not yet finished. Only one process can write the file, so a row still
    // 'running' that is not here was killed or crashed.
    private static readonly ConcurrentDictionary<long, byte> Active = new();

    /// <summary>成功, 失败, 进行中 (a load of this process) or 中断 (a journalled run nobody finished).</summary>
    public static string StatusLabel(RunRecord run) => run.Status switch
    {
        "succeeded" => "成功",
        Running => Active.ContainsKey(run.RunId) ? "进行中" : "中断",
        _ => "失败",
    };

    /// <summary>Ends this process's claim on a journalled run (whatever became of it).</summary>
    internal static void Release(long runId) => Active.TryRemove(runId, out _);

    /// <summary>Journals a run as begun, committed on its own before the load's transaction; returns its id.</summary>
    internal static long Start(DuckDBConnection connection, long runId, string feed, Quarter quarter, IExtractSource source, string trigger, DateTime startedUtc)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO etl_run (run_id, feed, quarter_key, transport, origin, trigger, started_at, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """;
        command.Parameters.AddValue(runId);
        command.Parameters.AddValue(feed);
        command.Parameters.AddValue(SourceQuarterLoader.QuarterKey(quarter));
        command.Parameters.AddValue(source.Transport);
        command.Parameters.AddValue(source.Origin);
        command.Parameters.AddValue(trigger);
        command.Parameters.AddValue(startedUtc);
        command.Parameters.AddValue(Running);
        Active[runId] = 0;
        command.ExecuteNonQuery();
        return runId;
    }

    /// <summary>Completes the journalled run with its outcome (inside the load's transaction when it succeeded).</summary>
    internal static void Finish(DuckDBConnection connection, LoadResult result, DateTime startedUtc)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE etl_run SET finished_at = $2, status = $3, rows_read = $4, rows_loaded = $5, rows_quarantined = $6, files = $7,
                               duration_ms = $8, replaced_run_id = $9, message = $10, steps = $11
            WHERE run_id = $1
            """;
        command.Parameters.AddValue(result.RunId);
        command.Parameters.AddValue(startedUtc + result.Duration);
        command.Parameters.AddValue(result.Succeeded ? "succeeded" : "failed");
        command.Parameters.AddValue(result.RowsRead);
        command.Parameters.AddValue(result.RowsLoaded);
        command.Parameters.AddValue(result.RowsQuarantined);
        command.Parameters.AddValue(result.Files);
        command.Parameters.AddValue((long)result.Duration.TotalMilliseconds);
        command.Parameters.AddValue(result.ReplacedRunId);
        command.Parameters.AddValue(result.Message);
        command.Parameters.AddValue(System.Text.Json.JsonSerializer.Serialize(result.Steps));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Journals a run that failed before it had a source to read (a missing drop folder, an unreachable database), so
    /// 装载记录 shows its cause; transport and origin are unknown ("—").
    /// </summary>
    internal static void RecordFailure(DuckDBConnection connection, string feed, Quarter quarter, string trigger, DateTime startedUtc,
        DateTime finishedUtc, string message)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO etl_run (run_id, feed, quarter_key, transport, origin, trigger, started_at, finished_at, status,
                                 rows_read, rows_loaded, rows_quarantined, files, duration_ms, message)
            VALUES ($1, $2, $3, '—', '—', $4, $5, $6, 'failed', 0, 0, 0, 0, $7, $8)
            """;
        command.Parameters.AddValue(SourceQuarterLoader.NextRunId(connection));
        command.Parameters.AddValue(feed);
        command.Parameters.AddValue(SourceQuarterLoader.QuarterKey(quarter));
        command.Parameters.AddValue(trigger);
        command.Parameters.AddValue(startedUtc);
        command.Parameters.AddValue(finishedUtc);
        command.Parameters.AddValue((long)(finishedUtc - startedUtc).TotalMilliseconds);
        command.Parameters.AddValue(message);
        command.ExecuteNonQuery();
    }

    /// <summary>The line prefix of a warning in a run's message.</summary>
    public const string WarningPrefix = "警告：";

    /// <summary>A run's message: the summary parts on the first line, then one line per warning.</summary>
    internal static string Message(IEnumerable<string> summary, IEnumerable<string> warnings) =>
        string.Join("\n", warnings.Select(w => WarningPrefix + w).Prepend(string.Join("；", summary)));

    /// <summary>The warnings a run's message carries.</summary>
    public static IEnumerable<string> WarningsIn(string? message) =>
        (message ?? "").Split('\n').Where(l => l.StartsWith(WarningPrefix, StringComparison.Ordinal)).Select(l => l[WarningPrefix.Length..]);

    /// <summary>The (feed, quarter_key) pairs that have a succeeded load.</summary>
    public static HashSet<(string Feed, int QuarterKey)> Loaded(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT feed, quarter_key FROM etl_run WHERE status = 'succeeded'";
        using var reader = command.ExecuteReader();
        var loaded = new HashSet<(string, int)>();
        while (reader.Read())
        {
            loaded.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return loaded;
    }

    /// <summary>The most recent runs, newest first.</summary>
    public static IReadOnlyList<RunRecord> Recent(DuckDBConnection connection, int limit = 200)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT run_id, feed, quarter_key, transport, trigger, started_at, status, rows_read, rows_loaded,
                   rows_quarantined, files, duration_ms, replaced_run_id, message
            FROM etl_run ORDER BY run_id DESC LIMIT $1
            """;
        command.Parameters.AddValue(limit);
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.GetDateTime(5), reader.GetString(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9),
                reader.GetInt32(10), reader.IsDBNull(11) ? 0 : reader.GetInt64(11), reader.IsDBNull(12) ? null : reader.GetInt64(12),
                reader.IsDBNull(13) ? null : reader.GetString(13)));
        }

        return runs;
    }
}

/// <summary>One row of the run log.</summary>
public sealed record RunRecord(long RunId, string Feed, int QuarterKey, string Transport, string Trigger, DateTime StartedAt,
    string Status, long RowsRead, long RowsLoaded, long RowsQuarantined, int Files, long DurationMs, long? ReplacedRunId, string? Message);
