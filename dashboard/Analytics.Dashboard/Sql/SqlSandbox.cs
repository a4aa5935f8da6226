using System.Diagnostics;
using System.Text.Json;
using Analytics.Dashboard.Data;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// The analysts' SQL console, sandboxed by the engine rather than by reading the SQL text. Each query gets its own
/// in-memory DuckDB instance (<see cref="SandboxInstance"/>) on the read-only <see cref="SqlSnapshot"/> of the warehouse
/// (the host's accounts and audit log are in a file of their own, <see cref="AppDatabase"/>), with no file access, locked configuration, a memory and thread limit and a
/// wall-clock timeout that interrupts the query. DuckDB itself decides what may run: one statement, prepared as a read
/// (<see cref="ReadOnlyStatements"/>), so nothing can write to the snapshot or any other file even where the engine would
/// let a COPY reach it. Answers are capped by rows and by bytes (each cell, the page, each export), a huge value is never
/// read whole, and DuckDB's messages are shown without the host's paths. Every query is written to the audit log.
/// </summary>
public sealed class SqlSandbox(
    SqlSnapshot snapshot,
    AppDatabase appDatabase,
    AuditLog audit,
    IOptions<SqlConsoleOptions> options)
{
    public const string AuditAction = "sql.query";
    public const string ExportAuditAction = "sql.export";

    public SqlConsoleOptions Settings => options.Value;

    /// <summary>Runs one statement for the page (cells and page capped) for <paramref name="user"/> and audits it; never throws for bad SQL.</summary>
    public SqlResult Run(string user, string sql) =>
        Execute(user, sql, AuditAction, (reader, columns, stopwatch) => SqlResultReader.ForPage(reader, columns, options.Value, snapshot.Scrub, stopwatch));

    /// <summary>Runs one statement for a CSV export (more rows, bytes capped, same sandbox), audited as an export.</summary>
    public SqlResult RunForExport(string user, string sql) =>
        Execute(user, sql, ExportAuditAction, (reader, columns, stopwatch) => SqlResultReader.ForExport(reader, columns, options.Value, snapshot.Scrub, stopwatch));

    /// <summary>Tables and columns the console can see, from <c>duckdb_columns()</c> of the snapshot.</summary>
    public IReadOnlyList<SandboxColumn> Columns()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
            WHERE NOT internal AND database_name = current_database()
            ORDER BY schema_name, table_name, column_index
            """;
        using var deadline = command.InterruptAfter(options.Value.TimeoutSeconds);
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

    /// <summary>A sandbox instance on the current snapshot (made again first if a load committed or it was touched).</summary>
    public DuckDBConnection Open(string? writableFolder = null) => SandboxInstance.Open(snapshot.EnsureCurrent(), options.Value, writableFolder);

    /// <summary>DuckDB's message for the user, without any path of the host.</summary>
    public string Explain(Exception error) => snapshot.Scrub(error.Message);

    private SqlResult Execute(string user, string sql, string action, Func<DuckDBDataReader, IReadOnlyList<SqlColumn>?, Stopwatch, SqlResult> read)
    {
        var stopwatch = Stopwatch.StartNew();
        SqlResult result;
        try
        {
            result = Query(sql, read, stopwatch);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DuckDBException { ErrorType: DuckDBErrorType.Interrupt })
        {
            result = SqlResult.Failed($"查询超过 {options.Value.TimeoutSeconds} 秒，已被中断（timeout: query interrupted）。", stopwatch.Elapsed);
        }
        catch (DuckDBException ex)
        {
            result = SqlResult.Failed($"查询失败：{Explain(ex)}", stopwatch.Elapsed);
        }
        catch (InvalidOperationException ex)
        {
            result = SqlResult.Failed($"查询失败：{Explain(ex)}", stopwatch.Elapsed);
        }

        var detail = JsonSerializer.Serialize(new AuditDetail(sql, result.Succeeded ? result.TotalRows : null, result.Error,
            (long)result.Elapsed.TotalMilliseconds), AuditLog.DetailJson);
        audit.Record(user, action, detail);
        return result;
    }

    private SqlResult Query(string sql, Func<DuckDBDataReader, IReadOnlyList<SqlColumn>?, Stopwatch, SqlResult> read, Stopwatch stopwatch)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return SqlResult.Failed("请输入一条 SQL 语句。", stopwatch.Elapsed);
        }

        using var connection = Open();
        var timeout = Math.Max(1, options.Value.TimeoutSeconds);
        if (ReadOnlyStatements.Refusal(connection, sql, timeoutSeconds: timeout) is { } refusal)
        {
            return SqlResult.Failed(refusal, stopwatch.Elapsed);
        }

        // DuckDB writes the cells' text where the query can be wrapped.
        var query = ConsoleQuery.For(connection, sql, timeout);
        using var command = connection.CreateCommand();
        command.CommandText = query.Sql;
        // Streamed, so the row and byte caps bound what is fetched; the deadline covers reading too.
        command.UseStreamingMode = true;
        using var deadline = command.InterruptAfter(timeout);
        using var reader = command.ExecuteReader();
        // An accepted text of several statements is a PIVOT's CREATE TYPEs followed by the query: its rows are the last result.
        for (var statements = connection.CountStatements(query.Sql); statements > 1; statements--)
        {
            reader.NextResult();
        }

        return read(reader, query.Columns, stopwatch);
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
