using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;

namespace Analytics.Dashboard.Sql;

/// <summary>A console query written as Parquet: the file's bytes and row count, or an error in Chinese.</summary>
public sealed record ParquetResult(byte[]? File, long Rows, string? Error);

/// <summary>
/// Parquet export of a console query. The console's own sandbox has no file access at all, so it cannot write a file; the
/// rows are not re-typed and re-written by our code either (every DuckDB type would need a mapping). Instead the query runs
/// in a second, private in-memory DuckDB instance that trusted code prepares before any user text runs: it attaches the
/// same read-only snapshot, sets <c>allowed_directories</c> to one fresh empty temporary folder, then turns
/// <c>enable_external_access</c> off and locks the configuration, with the console's memory, thread, timeout and row
/// limits. DuckDB (v1.5) then lets the query reach that folder and nothing else: no other file, no ATTACH of the warehouse,
/// no extension. The folder is deleted after the file is read back. The app's tables are not in the snapshot.
/// </summary>
public sealed class ParquetExport(SqlSandbox sandbox, AuditLog audit)
{
    public const string ContentType = "application/vnd.apache.parquet";

    public ParquetResult Export(string user, string sql)
    {
        var stopwatch = Stopwatch.StartNew();
        ParquetResult result;
        try
        {
            result = Run(sql);
        }
        catch (OperationCanceledException)
        {
            result = new ParquetResult(null, 0, $"查询超过 {sandbox.Settings.TimeoutSeconds} 秒，已被中断（timeout: query interrupted）。");
        }
        catch (DuckDbException ex)
        {
            result = new ParquetResult(null, 0, $"导出失败：{ex.Message}");
        }

        audit.Record(user, SqlSandbox.ExportAuditAction, JsonSerializer.Serialize(new
        {
            Sql = sql, Format = "parquet", Rows = result.Error is null ? result.Rows : (long?)null, result.Error, Ms = (long)stopwatch.Elapsed.TotalMilliseconds,
        }));
        return result;
    }

    private ParquetResult Run(string sql)
    {
        var text = sql.Trim().TrimEnd(';').TrimEnd();
        if (text.Length == 0)
        {
            return new ParquetResult(null, 0, "请输入一条 SQL 语句。");
        }

        var folder = Path.Combine(Path.GetTempPath(), "analytics-parquet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "result.parquet");
            using var connection = OpenLimited(folder);
            var statements = connection.CountStatements(text);
            if (statements != 1)
            {
                return new ParquetResult(null, 0, $"每次只能导出一条语句，这段文本包含 {statements} 条。");
            }

            using var command = connection.CreateCommand();
            // The newline ends a trailing line comment of the query before the closing parenthesis.
            command.CommandText = $"COPY (SELECT * FROM ({text}\n) LIMIT {sandbox.Settings.MaxExportRows}) TO {Literal(file)} (FORMAT parquet)";
            command.CommandTimeout = Math.Max(1, sandbox.Settings.TimeoutSeconds);
            var rows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            return new ParquetResult(File.ReadAllBytes(file), rows, null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A private in-memory instance on the snapshot whose only reachable folder is <paramref name="folder"/>, locked before user SQL runs.</summary>
    private DuckDbConnection OpenLimited(string folder)
    {
        var settings = sandbox.Settings;
        var connection = new DuckDbConnection(
            $"Data Source=:memory:;memory_limit={settings.MemoryLimit};threads={settings.Threads};" +
            "autoload_known_extensions=false;autoinstall_known_extensions=false;allow_community_extensions=false");
        try
        {
            connection.Open();
            foreach (var statement in new[]
                     {
                         $"ATTACH {Literal(sandbox.EnsureSnapshot())} AS snapshot (READ_ONLY)",
                         "USE snapshot",
                         $"SET allowed_directories = [{Literal(folder + Path.DirectorySeparatorChar)}]",
                         "SET enable_external_access = false",
                         "SET lock_configuration = true",
                     })
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
