using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Analytics.Dashboard.Configuration;
using Analytics.Dashboard.Data;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// The analysts' SQL console, sandboxed by the engine rather than by reading the SQL text: queries run on a separate
/// snapshot file of the warehouse (copied with <c>COPY FROM DATABASE</c>, without the host's schema <c>app</c> and its
/// bookkeeping metadata), opened as its own DuckDB instance read-only, without external access (no files, no
/// ATTACH, no extensions), with locked configuration, a memory and thread limit, a wall-clock timeout that interrupts
/// the query and a cap on the rows returned. Exactly one statement per query (counted by DuckDB's parser).
/// Every query is written to the audit log.
/// </summary>
public sealed class SqlSandbox(
    WarehouseDatabase warehouse,
    AppDatabase appDatabase,
    AuditLog audit,
    IOptions<SqlConsoleOptions> options,
    IOptions<AnalyticsOptions> analyticsOptions,
    ILogger<SqlSandbox> logger)
{
    public const string AuditAction = "sql.query";
    public const string ExportAuditAction = "sql.export";

    /// <summary>Schemas and tables of the warehouse that are the host's own and never reach the snapshot.</summary>
    private static readonly string[] PrivateObjects = ["DROP SCHEMA IF EXISTS {0}.app CASCADE", "DROP TABLE IF EXISTS {0}.main.warehouse_meta"];

    private readonly object _gate = new();
    private string? _snapshotPath;
    private string? _snapshotStamp;

    public SqlConsoleOptions Settings => options.Value;

    /// <summary>Runs one statement for <paramref name="user"/> and audits it; never throws for bad SQL.</summary>
    public SqlResult Run(string user, string sql) => Execute(user, sql, options.Value.MaxRows, AuditAction);

    /// <summary>Runs one statement for a CSV export (more rows, same sandbox), audited as an export.</summary>
    public SqlResult RunForExport(string user, string sql) => Execute(user, sql, options.Value.MaxExportRows, ExportAuditAction);

    /// <summary>Tables and columns the console can see, from <c>duckdb_columns()</c> of the snapshot.</summary>
    public IReadOnlyList<SandboxColumn> Columns()
    {
        using var connection = OpenSandbox();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
            WHERE NOT internal AND database_name = current_database()
            ORDER BY schema_name, table_name, column_index
            """;
        command.CommandTimeout = options.Value.TimeoutSeconds;
        using var reader = command.ExecuteReader();
        var columns = new List<SandboxColumn>();
        while (reader.Read())
        {
            columns.Add(new SandboxColumn(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return columns;
    }

    /// <summary>The console queries of <paramref name="user"/>, newest first, from the audit log.</summary>
    public IReadOnlyList<SqlHistoryEntry> History(string user, int limit = 50)
    {
        using var connection = appDatabase.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"at\", detail FROM app.audit_log WHERE \"user\" = $1 AND action = $2 ORDER BY \"at\" DESC LIMIT $3";
        command.Parameters.AddValue(user);
        command.Parameters.AddValue(AuditAction);
        command.Parameters.AddValue(limit);
        using var reader = command.ExecuteReader();
        var entries = new List<SqlHistoryEntry>();
        while (reader.Read())
        {
            var detail = reader.IsDBNull(1) ? null : reader.GetString(1);
            var parsed = detail is null ? null : TryParse(detail);
            entries.Add(new SqlHistoryEntry(reader.GetDateTime(0), parsed?.Sql ?? detail ?? "", parsed?.Rows, parsed?.Error));
        }

        return entries;
    }

    /// <summary>Makes a new snapshot when the warehouse has had loads since the last one (or there is none yet).</summary>
    public string EnsureSnapshot()
    {
        lock (_gate)
        {
            using var connection = warehouse.Connect();
            var stamp = Stamp(connection);
            if (_snapshotPath is not null && stamp == _snapshotStamp && File.Exists(_snapshotPath))
            {
                return _snapshotPath;
            }

            var folder = SnapshotFolder();
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"snapshot-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.duckdb");
            var stopwatch = Stopwatch.StartNew();
            var source = Quote(Scalar(connection, "SELECT current_database()"));
            Execute(connection, $"ATTACH '{path.Replace("'", "''", StringComparison.Ordinal)}' AS sql_sandbox_snapshot");
            try
            {
                Execute(connection, $"COPY FROM DATABASE {source} TO sql_sandbox_snapshot");
                foreach (var drop in PrivateObjects)
                {
                    Execute(connection, string.Format(CultureInfo.InvariantCulture, drop, "sql_sandbox_snapshot"));
                }
            }
            finally
            {
                Execute(connection, "DETACH sql_sandbox_snapshot");
            }

            var previous = _snapshotPath;
            _snapshotPath = path;
            _snapshotStamp = stamp;
            logger.LogInformation("SQL console snapshot {Path} made in {Elapsed} (warehouse state {Stamp})", path, stopwatch.Elapsed, stamp);
            if (previous is not null)
            {
                TryDelete(previous);
            }

            return path;
        }
    }

    /// <summary>The sandbox's connection string: read-only, no external access, locked settings, limits.</summary>
    public string SandboxConnectionString(string path) =>
        $"Data Source={path};Access Mode=ReadOnly;enable_external_access=false;lock_configuration=true;" +
        $"memory_limit={options.Value.MemoryLimit};threads={options.Value.Threads};" +
        "autoload_known_extensions=false;autoinstall_known_extensions=false;allow_community_extensions=false";

    private SqlResult Execute(string user, string sql, int maxRows, string action)
    {
        var stopwatch = Stopwatch.StartNew();
        SqlResult result;
        try
        {
            result = Query(sql, maxRows, stopwatch);
        }
        catch (OperationCanceledException)
        {
            result = SqlResult.Failed($"查询超过 {options.Value.TimeoutSeconds} 秒，已被中断（timeout: query interrupted）。", stopwatch.Elapsed);
        }
        catch (DuckDbException ex)
        {
            result = SqlResult.Failed($"查询失败：{ex.Message}", stopwatch.Elapsed);
        }
        catch (InvalidOperationException ex)
        {
            result = SqlResult.Failed($"查询失败：{ex.Message}", stopwatch.Elapsed);
        }

        var detail = JsonSerializer.Serialize(new AuditDetail(sql, result.Succeeded ? result.TotalRows : null, result.Error,
            (long)result.Elapsed.TotalMilliseconds));
        audit.Record(user, action, detail);
        return result;
    }

    private SqlResult Query(string sql, int maxRows, Stopwatch stopwatch)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return SqlResult.Failed("请输入一条 SQL 语句。", stopwatch.Elapsed);
        }

        using var connection = OpenSandbox();
        var statements = connection.CountStatements(sql);
        if (statements != 1)
        {
            return SqlResult.Failed(
                $"每次只能执行一条语句，这段文本包含 {statements} 条（only one statement per query: DuckDB would run every statement of the text）。",
                stopwatch.Elapsed);
        }

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = Math.Max(1, options.Value.TimeoutSeconds);
        using var reader = command.ExecuteReader();
        var columns = new List<SqlColumn>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            columns.Add(new SqlColumn(reader.GetName(i), reader.GetDataTypeName(i)));
        }

        var rows = new List<IReadOnlyList<string?>>();
        long total = 0;
        while (reader.Read())
        {
            total++;
            if (rows.Count < maxRows)
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetFieldValue<string>(i);
                }

                rows.Add(row);
            }
        }

        return new SqlResult(columns, rows, total, total > rows.Count, null, stopwatch.Elapsed);
    }

    private DuckDbConnection OpenSandbox()
    {
        var connection = new DuckDbConnection(SandboxConnectionString(EnsureSnapshot()));
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    private string SnapshotFolder()
    {
        var configured = options.Value.SnapshotFolder;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var database = Path.GetFullPath(analyticsOptions.Value.DatabasePath);
        return Path.Combine(Path.GetDirectoryName(database) ?? ".", "sql-sandbox");
    }

    private static string Stamp(DuckDbConnection connection) =>
        Scalar(connection, "SELECT count(*)::VARCHAR || ':' || coalesce(max(run_id), 0)::VARCHAR || ':' || count(finished_at)::VARCHAR FROM etl_run");

    private static string Scalar(DuckDbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static void Execute(DuckDbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void TryDelete(string path)
    {
        // On Linux an open snapshot stays readable by the queries still running on it.
        foreach (var file in new[] { path, path + ".wal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Old SQL console snapshot {Path} not deleted: {Message}", file, ex.Message);
            }
            catch (UnauthorizedAccessException ex)
            {
                logger.LogWarning(ex, "Old SQL console snapshot {Path} not deleted: {Message}", file, ex.Message);
            }
        }
    }

    private static AuditDetail? TryParse(string detail)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditDetail>(detail);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record AuditDetail(string Sql, long? Rows, string? Error, long Ms);
}
