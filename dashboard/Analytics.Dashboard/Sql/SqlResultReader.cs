using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// Reads a console result within its caps: for the page, rows and bytes per cell and per page (a longer cell is cut and
/// marked, rows past the page are counted, not kept); for an export, rows and bytes of the whole export (past the byte
/// cap the export fails with a message rather than arrive cut). Values are shown as DuckDB's text form (written by DuckDB
/// for a wrapped query, <see cref="ConsoleQuery"/>; else by <see cref="ConsoleCellText"/>), without the host's paths
/// (<see cref="SqlSnapshot.Scrub"/>).
/// </summary>
public static class SqlResultReader
{
    public const string CutMark = "…";

    public static SqlResult ForPage(DuckDBDataReader reader, IReadOnlyList<SqlColumn>? described, SqlConsoleOptions settings, Func<string, string> scrub, Stopwatch stopwatch)
    {
        var columns = Columns(reader, described);
        var rows = new List<IReadOnlyList<string?>>();
        long total = 0;
        long pageBytes = 0;
        var cutCells = 0;
        var pageFull = false;
        while (reader.Read())
        {
            total++;
            if (rows.Count >= settings.MaxRows || pageFull)
            {
                continue;
            }

            var row = new string?[reader.FieldCount];
            long rowBytes = 0;
            for (var i = 0; i < row.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    continue;
                }

                var text = ConsoleCellText.Prefix(reader, i, settings.MaxCellBytes, out var bytes);
                if (bytes > settings.MaxCellBytes)
                {
                    text += CutMark;
                    cutCells++;
                }

                row[i] = scrub(text);
                rowBytes += Math.Min(bytes, settings.MaxCellBytes);
            }

            if (pageBytes + rowBytes > settings.MaxPageBytes)
            {
                pageFull = true;
                continue;
            }

            pageBytes += rowBytes;
            rows.Add(row);
        }

        var notices = new List<string>();
        if (cutCells > 0)
        {
            notices.Add($"{cutCells.ToString("N0", CultureInfo.InvariantCulture)} 个单元格超过 {Size(settings.MaxCellBytes)} 的单元格上限，只显示开头（以 {CutMark} 标出）。");
        }

        if (pageFull)
        {
            notices.Add($"页面最多显示 {Size(settings.MaxPageBytes)} 的数据，其余行未显示（仍计入总行数）。");
        }

        return new SqlResult(columns, rows, total, total > rows.Count, null, stopwatch.Elapsed)
        {
            Notice = notices.Count == 0 ? null : string.Join(" ", notices),
        };
    }

    public static SqlResult ForExport(DuckDBDataReader reader, IReadOnlyList<SqlColumn>? described, SqlConsoleOptions settings, Func<string, string> scrub, Stopwatch stopwatch)
    {
        var columns = Columns(reader, described);
        var rows = new List<IReadOnlyList<string?>>();
        long total = 0;
        long exportBytes = 0;
        while (reader.Read())
        {
            total++;
            if (rows.Count >= settings.MaxExportRows)
            {
                continue;
            }

            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    continue;
                }

                var budget = (int)Math.Min(int.MaxValue - 1, settings.MaxExportBytes - exportBytes);
                row[i] = scrub(ConsoleCellText.Prefix(reader, i, budget + 1, out var bytes));
                exportBytes += bytes;
                if (exportBytes > settings.MaxExportBytes)
                {
                    return SqlResult.Failed(TooLarge(settings), stopwatch.Elapsed);
                }
            }

            rows.Add(row);
        }

        return new SqlResult(columns, rows, total, total > rows.Count, null, stopwatch.Elapsed);
    }

    /// <summary>The message when an export passes its byte cap.</summary>
    public static string TooLarge(SqlConsoleOptions settings) =>
        $"导出超过 {Size(settings.MaxExportBytes)} 的上限，未生成文件。请减少行、列或长文本后再导出（export larger than the cap）。";

    /// <summary>A byte count for people: 16 KB, 2 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{(bytes / (1024 * 1024)).ToString("N0", CultureInfo.InvariantCulture)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{(bytes / 1024).ToString("N0", CultureInfo.InvariantCulture)} KB",
        _ => $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} 字节",
    };

    // A wrapped query's columns as DuckDB described the text (its result is all VARCHAR); else the reader's own.
    private static IReadOnlyList<SqlColumn> Columns(DuckDBDataReader reader, IReadOnlyList<SqlColumn>? described)
    {
        if (described is not null && described.Count == reader.FieldCount)
        {
            return described;
        }

        var columns = new List<SqlColumn>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            columns.Add(new SqlColumn(reader.GetName(i), ConsoleCellText.TypeName(reader, i)));
        }

        return columns;
    }
}
