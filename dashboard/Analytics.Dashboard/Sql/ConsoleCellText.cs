using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// A console cell as text, cut to a UTF-8 byte budget without splitting a character; and a column's type name. A wrapped
/// query's cells are already DuckDB's text (<see cref="ConsoleQuery"/>); for a text that cannot be wrapped (EXPLAIN,
/// PRAGMA, a PIVOT with its CREATE TYPE statements) the CLR values DuckDB.NET hands over (lists, dictionaries,
/// <see cref="DuckDBInterval"/>…) are formatted here in the form DuckDB's <c>::VARCHAR</c> prints.
/// </summary>
public static class ConsoleCellText
{
    /// <summary>At most <paramref name="maxBytes"/> UTF-8 bytes of the cell's text; <paramref name="byteCount"/> is the whole text's.</summary>
    public static string Prefix(DuckDBDataReader reader, int ordinal, int maxBytes, out long byteCount)
    {
        var text = Format(Value(reader, ordinal), top: true);
        var bytes = Encoding.UTF8.GetByteCount(text);
        byteCount = bytes;
        if (bytes <= maxBytes)
        {
            return text;
        }

        var encoded = Encoding.UTF8.GetBytes(text);
        var end = Math.Clamp(maxBytes, 0, encoded.Length);
        // Continuation bytes are 10xxxxxx: step back to the start of the character the budget would cut.
        while (end > 0 && end < encoded.Length && (encoded[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return Encoding.UTF8.GetString(encoded, 0, end);
    }

    /// <summary>The column's type for a text that cannot be wrapped: DuckDB.NET's enum member in capitals (<c>BigInt</c> → <c>BIGINT</c>).</summary>
    public static string TypeName(DuckDBDataReader reader, int ordinal) => reader.GetDataTypeName(ordinal).ToUpperInvariant();

    // An INTERVAL with months has no TimeSpan, which GetValue would give.
    private static object Value(DuckDBDataReader reader, int ordinal) =>
        reader.GetDataTypeName(ordinal) == nameof(DuckDBType.Interval) ? reader.GetFieldValue<DuckDBInterval>(ordinal) : reader.GetValue(ordinal);

    private static string Format(object? value, bool top) => value switch
    {
        null or DBNull => top ? "" : "NULL",
        string s => s,
        bool b => b ? "true" : "false",
        double d => Real(d.ToString("R", CultureInfo.InvariantCulture)),
        float f => Real(f.ToString("R", CultureInfo.InvariantCulture)),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        BigInteger n => n.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') + "+00",
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        TimeSpan span => Interval(0, span.Days, (span.Ticks - span.Days * TimeSpan.TicksPerDay) / 10),
        DuckDBInterval i => Interval(i.Months, i.Days, (long)i.Micros),
        byte[] blob => Blob(blob),
        Guid g => g.ToString("D"),
        IDictionary<string, object?> fields => "{" + string.Join(", ", fields.Select(f => $"'{f.Key}': {Format(f.Value, top: false)}")) + "}",
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Format(k, top: false)}={Format(map[k], top: false)}")) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(v => Format(v, top: false))) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // DuckDB writes a whole double with ".0" and exponents in lower case ("1e+16").
    private static string Real(string text)
    {
        text = text.Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) || !char.IsDigit(text[^1]) ? text : text + ".0";
    }

    private static string Interval(int months, int days, long micros)
    {
        var parts = new List<string>();
        if (months / 12 is var years and not 0)
        {
            parts.Add(years == 1 ? "1 year" : $"{years} years");
        }

        if (months % 12 is var rest and not 0)
        {
            parts.Add(rest == 1 ? "1 month" : $"{rest} months");
        }

        if (days != 0)
        {
            parts.Add(days == 1 ? "1 day" : $"{days} days");
        }

        if (micros != 0 || parts.Count == 0)
        {
            var time = TimeSpan.FromTicks(Math.Abs(micros) * 10);
            var clock = $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}";
            var fraction = micros % 1_000_000;
            clock += fraction == 0 ? "" : "." + Math.Abs(fraction).ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
            parts.Add(micros < 0 ? "-" + clock : clock);
        }

        return string.Join(' ', parts);
    }

    private static string Blob(byte[] blob)
    {
        var text = new StringBuilder(blob.Length);
        foreach (var b in blob)
        {
            text.Append(b is >= 32 and < 127 and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }
}
