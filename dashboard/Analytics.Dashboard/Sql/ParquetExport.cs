using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Dashboard.Sql;

/// <summary>A console query written as Parquet: the file's bytes and row count, or an error in Chinese.</summary>
public sealed record ParquetResult(byte[]? File, long Rows, string? Error);

/// <summary>
/// Parquet export of a console query. The console's own sandbox has no file access at all, so it cannot write a file; the
/// rows are not re-typed and re-written by our code either (every DuckDB type would need a mapping). Instead the query runs
/// in a sandbox instance (<see cref="SandboxInstance"/>) whose only writable folder is one fresh empty temporary folder.
/// DuckDB must first prepare the user's text alone as one SELECT (<see cref="ReadOnlyStatements"/>); only then is it
/// wrapped as <c>COPY (SELECT * FROM (…) LIMIT n) TO '&lt;folder&gt;/result.parquet'</c>, so the target is always that
/// file. While DuckDB writes, the file's size is watched and the query interrupted when it passes the export byte cap.
/// The folder is deleted after the file is read back. The app's tables are not in the snapshot.
/// </summary>
public sealed class ParquetExport(SqlSandbox sandbox, AuditLog audit)
{
    public const string ContentType = "application/vnd.apache.parquet";

    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Rows per Parquet row group: DuckDB writes the file a row group at a time, so the size watch sees it grow.</summary>
    private const int RowGroupRows = 10_000;

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
        catch (DuckDBException ex)
        {
            result = new ParquetResult(null, 0, $"导出失败：{sandbox.Explain(ex)}");
        }

        audit.Record(user, SqlSandbox.ExportAuditAction, JsonSerializer.Serialize(new
        {
            Sql = sql, Format = "parquet", Rows = result.Error is null ? result.Rows : (long?)null, result.Error, Ms = (long)stopwatch.Elapsed.TotalMilliseconds,
        }, AuditLog.DetailJson));
        return result;
    }

    private ParquetResult Run(string sql)
    {
        var text = sql.Trim().TrimEnd(';').TrimEnd();
        if (text.Length == 0)
        {
            return new ParquetResult(null, 0, "请输入一条 SQL 语句。");
        }

        var settings = sandbox.Settings;
        var folder = Path.Combine(Path.GetTempPath(), "analytics-parquet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "result.parquet");
            using var connection = sandbox.Open(folder);
            if (ReadOnlyStatements.Refusal(connection, text, allowExplain: false, allowPivotPrelude: false) is { } refusal)
            {
                return new ParquetResult(null, 0, refusal);
            }

            using var command = connection.CreateCommand();
            // The newline ends a trailing line comment of the query before the closing parenthesis.
            command.CommandText = $"COPY (SELECT * FROM ({text}\n) LIMIT {settings.MaxExportRows}) TO {Literal(file)} (FORMAT parquet, ROW_GROUP_SIZE {RowGroupRows})";
            using var deadline = command.InterruptAfter(Math.Max(1, settings.TimeoutSeconds));
            var tooLarge = false;
            using var watch = new Timer(_ =>
            {
                if (!tooLarge && SizeOf(file) > settings.MaxExportBytes)
                {
                    tooLarge = true;
                    command.Cancel();
                }
            }, null, WatchInterval, WatchInterval);
            long rows;
            try
            {
                // DuckDB reports the rows a COPY wrote as its changed rows.
                rows = command.ExecuteNonQuery();
            }
            catch (Exception ex) when (tooLarge && ex is DuckDBException or OperationCanceledException)
            {
                return new ParquetResult(null, 0, SqlResultReader.TooLarge(settings));
            }

            watch.Dispose();
            return SizeOf(file) > settings.MaxExportBytes
                ? new ParquetResult(null, 0, SqlResultReader.TooLarge(settings))
                : new ParquetResult(File.ReadAllBytes(file), rows, null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long SizeOf(string file)
    {
        try
        {
            return new FileInfo(file) is { Exists: true } info ? info.Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
