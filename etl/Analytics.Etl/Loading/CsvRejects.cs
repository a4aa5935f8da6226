namespace Analytics.Etl.Loading;

/// <summary>
/// Lines DuckDB's CSV reader could not split into the header's columns, read back from its rejects
/// table, with a Chinese reason per line.
/// </summary>
internal static class CsvRejects
{
    public const string ErrorsTable = "stage_rejects";
    public const string ScansTable = "stage_rejects_scan";

    /// <summary>Options for read_csv that route malformed lines to the rejects tables.</summary>
    public static string ReadCsvOptions =>
        $"header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', " +
        $"store_rejects = true, rejects_table = '{ErrorsTable}', rejects_scan = '{ScansTable}'";

    /// <summary>Options for an all-text read that skips lines it cannot split (a read whose rejects another read records).</summary>
    public const string SkippingReadOptions = "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', ignore_errors = true";

    /// <summary>
    /// Options for the strict, typed read of the fast path (the caller passes the column types). Dates are read by
    /// DuckDB's own date cast, the one the staged path tries first, rather than a dateformat (3% of the insert).
    /// </summary>
    public static string StrictReadOptions =>
        $"header = true, delim = ',', quote = '\"', escape = '\"', " +
        $"store_rejects = true, rejects_table = '{ErrorsTable}', rejects_scan = '{ScansTable}'";

    /// <summary>The reason of a line with an invalid UTF-8 byte (completed with the byte's offset by <see cref="CsvParseFailure"/>).</summary>
    public const string InvalidUtf8Reason = "含有非法 UTF-8 字符";

    /// <summary>SQL giving one row per rejected line: data row number and reason.</summary>
    public static string PerLineSql => $"""
        SELECT line - 1 AS data_row,
               string_agg(DISTINCT CASE error_type
                   WHEN 'MISSING COLUMNS' THEN '列数不足，行不完整（文件可能被截断）'
                   WHEN 'TOO MANY COLUMNS' THEN '列数多于表头'
                   WHEN 'UNQUOTED VALUE' THEN '引号不配对'
                   WHEN 'INVALID UNICODE' THEN '{InvalidUtf8Reason}'
                   WHEN 'INVALID ENCODING' THEN '{InvalidUtf8Reason}'
                   WHEN 'LINE SIZE OVER MAXIMUM' THEN '行过长'
                   ELSE error_type || '：' || error_message END, '；') AS reason,
               first(csv_line) AS csv_line
        FROM {ErrorsTable}
        GROUP BY line
        """;
}
