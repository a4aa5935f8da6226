using System.Globalization;
using System.Numerics;
using System.Text;

namespace Analytics.DuckDb.Internal.Vectors;

/// <summary>
/// Formats values exactly as DuckDB's <c>::VARCHAR</c> cast prints them, so that a STRUCT or MAP
/// read as text here matches what an analyst sees in the DuckDB shell.
/// </summary>
internal static class ValueText
{
    public static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(t.TimeOfDay.Ticks),
        DateTimeOffset o => FormatOffset(o),
        TimeOnly t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(t.Ticks),
        DuckDbInterval i => FormatInterval(i),
        byte[] bytes => FormatBlob(bytes),
        double d => FormatFloating(d, d.ToString("R", CultureInfo.InvariantCulture)),
        float f => FormatFloating(f, f.ToString("R", CultureInfo.InvariantCulture)),
        List<object?> list => "[" + string.Join(", ", list.Select(FormatNested)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Appends a scalar's text inside a nested value. DuckDB quotes it only when it is empty, starts
    /// or ends with a space, spells "null", or holds one of the characters that delimit nested
    /// values; inside the quotes ' and \ get a backslash (NestedToVarcharCast in DuckDB).
    /// </summary>
    public static void AppendNested(StringBuilder builder, string text)
    {
        if (!NeedsQuotes(text))
        {
            builder.Append(text);
            return;
        }

        AppendQuoted(builder, text);
    }

    /// <summary>Always quoted: DuckDB's form of a STRUCT field name.</summary>
    public static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('\'');
        foreach (var c in text)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('\'');
    }

    private static string FormatNested(object? value)
    {
        if (value is null or DBNull)
        {
            return "NULL";
        }

        if (value is List<object?>)
        {
            return Format(value);
        }

        var builder = new StringBuilder();
        AppendNested(builder, Format(value));
        return builder.ToString();
    }

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || IsSpace(text[0]) || (text.Length >= 2 && IsSpace(text[^1]))
            || text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return text.AsSpan().IndexOfAny("\"'(),:=[]{}") >= 0;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>".123" for fractional seconds, without trailing zeros; empty for whole seconds.</summary>
    private static string Fraction(long ticks)
    {
        var micros = ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0 ? string.Empty : "." + micros.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static string FormatOffset(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        var zone = offset.Minutes == 0
            ? offset.Hours.ToString("00", CultureInfo.InvariantCulture)
            : offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return Format(value.DateTime) + sign + zone;
    }

    /// <summary>DuckDB's interval text, e.g. "1 year 2 months 3 days 01:02:03.000004" or "-1 day -00:00:01".</summary>
    public static string FormatInterval(DuckDbInterval value)
    {
        var parts = new List<string>(4);
        var years = value.Months / 12;
        var months = value.Months - years * 12;
        AddUnit(parts, years, "year");
        AddUnit(parts, months, "month");
        AddUnit(parts, value.Days, "day");
        if (value.Microseconds != 0)
        {
            var magnitude = BigInteger.Abs(value.Microseconds);
            var hours = magnitude / 3_600_000_000;
            var rest = (long)(magnitude % 3_600_000_000);
            var text = $"{(value.Microseconds < 0 ? "-" : "")}{hours.ToString("00", CultureInfo.InvariantCulture)}:" +
                $"{rest / 60_000_000:00}:{rest / 1_000_000 % 60:00}";
            parts.Add(text + Fraction(rest % 1_000_000 * 10));
        }
        else if (parts.Count == 0)
        {
            parts.Add("00:00:00");
        }

        return string.Join(' ', parts);
    }

    private static void AddUnit(List<string> parts, int value, string unit)
    {
        if (value != 0)
        {
            parts.Add(value.ToString(CultureInfo.InvariantCulture) + " " + unit + (value is 1 or -1 ? "" : "s"));
        }
    }

    /// <summary>
    /// Shortest round-trip digits, written like DuckDB (and Python's repr): positional with ".0" for
    /// decimal exponents -4..15, otherwise scientific as 1e+16 or 1.5e-07; nan, inf and -inf.
    /// </summary>
    private static string FormatFloating(double value, string roundTrip)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var negative = roundTrip.StartsWith('-');
        var body = negative ? roundTrip[1..] : roundTrip;
        var exponent = 0;
        var e = body.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var dot = body.IndexOf('.');
        var integer = dot < 0 ? body : body[..dot];
        var digits = integer + (dot < 0 ? "" : body[(dot + 1)..]);
        var point = integer.Length + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= leading;
        var sign = negative ? "-" : "";
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        var scientific = point - 1;
        if (scientific is >= -4 and < 16)
        {
            if (point <= 0)
            {
                return sign + "0." + new string('0', -point) + digits;
            }

            return point >= digits.Length
                ? sign + digits + new string('0', point - digits.Length) + ".0"
                : sign + digits[..point] + "." + digits[point..];
        }

        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissa + "e" + (scientific < 0 ? "-" : "+") + Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The byte count of a BLOB's text form (a printable byte is one character, any other four: \xAB).</summary>
    internal static long BlobTextLength(ReadOnlySpan<byte> bytes)
    {
        long length = 0;
        foreach (var b in bytes)
        {
            length += IsPlainBlobByte(b) ? 1 : 4;
        }

        return length;
    }

    internal static string FormatBlob(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsPlainBlobByte(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsPlainBlobByte(byte b) => b >= 32 && b < 127 && b != '\\' && b != '\'' && b != '"';
}
