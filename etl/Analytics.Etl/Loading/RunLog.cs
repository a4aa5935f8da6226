using Analytics.DuckDb;
using Analytics.Etl.Extraction;

namespace Analytics.Etl.Loading;

/// <summary>Writes and reads the etl_run log.</summary>
public static class RunLog
{
    internal static void Record(DuckDbConnection connection, LoadResult result, IExtractSource source, string trigger, DateTime startedUtc)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO etl_run (run_id, feed, quarter_key, transport, origin, trigger, started_at, finished_at, status,
                                 rows_read, rows_loaded, rows_quarantined, files, duration_ms, replaced_run_id, message, steps)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """;
        command.Parameters.AddValue(result.RunId);
        command.Parameters.AddValue(result.Feed);
        command.Parameters.AddValue(SourceQuarterLoader.QuarterKey(result.Quarter));
        command.Parameters.AddValue(source.Transport);
        command.Parameters.AddValue(source.Origin);
        command.Parameters.AddValue(trigger);
        command.Parameters.AddValue(startedUtc);
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

    /// <summary>The line prefix of a warning in a run's message.</summary>
    public const string WarningPrefix = "警告：";

    /// <summary>A run's message: the summary parts on the first line, then one line per warning.</summary>
    internal static string Message(IEnumerable<string> summary, IEnumerable<string> warnings) =>
        string.Join("\n", warnings.Select(w => WarningPrefix + w).Prepend(string.Join("；", summary)));

    /// <summary>The warnings a run's message carries.</summary>
    public static IEnumerable<string> WarningsIn(string? message) =>
        (message ?? "").Split('\n').Where(l => l.StartsWith(WarningPrefix, StringComparison.Ordinal)).Select(l => l[WarningPrefix.Length..]);

    /// <summary>The (feed, quarter_key) pairs that have a succeeded load.</summary>
    public static HashSet<(string Feed, int QuarterKey)> Loaded(DuckDbConnection connection)
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
    public static IReadOnlyList<RunRecord> Recent(DuckDbConnection connection, int limit = 200)
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
