using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;

namespace Analytics.Etl.Loading;

/// <summary>
/// Says in Chinese which line of a CSV extract DuckDB's reader could not parse and why. DuckDB's own words are English
/// advice on its options, and its line numbers count from the chunk it was reading; the file itself is read again here,
/// only after such a failure, to find the line.
/// </summary>
internal static partial class CsvParseFailure
{
    // DuckDB's default max_line_size; its message states the limit it applied.
    private const long DefaultMaxLineBytes = 2_000_000;

    /// <summary>The Chinese failure for a read_csv error on <paramref name="csv"/>, or null when the error is not a parse error.</summary>
    public static EtlException? Explain(CsvExtractFile csv, DuckDBException error)
    {
        var message = error.Message;
        var lineTooLong = message.Contains("Maximum line size", StringComparison.Ordinal);
        if (!lineTooLong && !message.Contains("Error when sniffing file", StringComparison.Ordinal) && !message.Contains("CSV Error on Line", StringComparison.Ordinal))
        {
            return null;
        }

        var limit = MaxLineSize().Match(message) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : DefaultMaxLineBytes;
        var layout = CsvLineLayout.Read(csv.Path, limit);
        var cause = layout switch
        {
            { OpenQuoteLine: { } line } => $"第 {line:N0} 行的引号没有闭合，从该行起直到文件末尾都被读作同一个字段",
            { LongLine: { } line } => $"第 {line:N0} 行长 {layout.LongLineBytes:N0} 字节，超过单行上限 {limit:N0} 字节（可能缺少换行符或文件已损坏）",
            { OtherEndingLine: { } line } => $"第 {line:N0} 行以 {Name(layout.OtherEnding)} 换行，而第 1 行以 {Name(layout.FirstEnding)} 换行：同一文件中的换行符不一致",
            _ => $"无法按 CSV 格式解析（{FirstLine(message)}）",
        };
        return new EtlException($"{csv.DisplayName}：{cause}，已拒绝装载 (CSV parse error)。", error);
    }

    /// <summary>Reasons of rejected lines with an invalid UTF-8 byte, completed with that byte's exact offset in the file.</summary>
    public static List<(long Row, string Reason, string? Line)> WithByteOffsets(string path, List<(long Row, string Reason, string? Line)> rejects)
    {
        var wanted = rejects.Where(r => r.Reason.Contains(CsvRejects.InvalidUtf8Reason, StringComparison.Ordinal)).Select(r => r.Row + 1).ToHashSet();
        if (wanted.Count == 0)
        {
            return rejects;
        }

        var offsets = CsvLineLayout.InvalidUtf8Offsets(path, wanted);
        return rejects.Select(r => offsets.TryGetValue(r.Row + 1, out var offset)
            ? r with { Reason = r.Reason.Replace(CsvRejects.InvalidUtf8Reason, $"{CsvRejects.InvalidUtf8Reason}（文件第 {r.Row + 1:N0} 行，字节偏移 {offset:N0}，从 0 计）", StringComparison.Ordinal) }
            : r).ToList();
    }

    private static string Name(string? ending) => ending == "\r\n" ? "CRLF (\\r\\n)" : ending == "\r" ? "CR (\\r)" : "LF (\\n)";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex(@"Maximum line size of (\d+) bytes")]
    private static partial Regex MaxLineSize();
}
