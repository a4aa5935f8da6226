using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Analytics.Sources;

/// <summary>A calendar quarter (季度), written <c>2024Q3</c>.</summary>
public readonly record struct Quarter : IComparable<Quarter>, IParsable<Quarter>
{
    /// <summary>Creates a quarter; <paramref name="number"/> is 1–4.</summary>
    public Quarter(int year, int number)
    {
        if (year is < 1900 or > 2999) throw new ArgumentOutOfRangeException(nameof(year), year, "年份应在 1900–2999 之间");
        if (number is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(number), number, "季度应为 1–4");
        Year = year;
        Number = number;
    }

    public int Year { get; }

    /// <summary>1 to 4.</summary>
    public int Number { get; }

    public DateOnly FirstDay => new(Year, FirstMonth, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>Calendar month (1–12) the quarter starts with.</summary>
    public int FirstMonth => (Number - 1) * 3 + 1;

    /// <summary>Quarters since 0000Q1; handy for arithmetic and as an array index.</summary>
    public int Ordinal => Year * 4 + Number - 1;

    public Quarter Next() => AddQuarters(1);

    public Quarter Previous() => AddQuarters(-1);

    /// <summary>The same quarter one year earlier (同比 comparison base).</summary>
    public Quarter SamePeriodLastYear() => new(Year - 1, Number);

    public Quarter AddQuarters(int count) => FromOrdinal(Ordinal + count);

    public static Quarter FromOrdinal(int ordinal) => new(ordinal / 4, ordinal % 4 + 1);

    /// <summary>The quarter containing the date.</summary>
    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    /// <summary>All quarters from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public static IEnumerable<Quarter> Range(Quarter first, Quarter last)
    {
        for (var ordinal = first.Ordinal; ordinal <= last.Ordinal; ordinal++) yield return FromOrdinal(ordinal);
    }

    public int CompareTo(Quarter other) => Ordinal.CompareTo(other.Ordinal);

    public static bool operator <(Quarter left, Quarter right) => left.Ordinal < right.Ordinal;
    public static bool operator >(Quarter left, Quarter right) => left.Ordinal > right.Ordinal;
    public static bool operator <=(Quarter left, Quarter right) => left.Ordinal <= right.Ordinal;
    public static bool operator >=(Quarter left, Quarter right) => left.Ordinal >= right.Ordinal;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");

    /// <summary>Parses <c>2024Q3</c> (also lower-case <c>q</c>); throws <see cref="FormatException"/> with a Chinese message.</summary>
    public static Quarter Parse(string text) => Parse(text, null);

    public static Quarter Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var quarter) ? quarter : throw new FormatException($"无法识别的季度“{s}”，应写作 2024Q3 形式");

    public static bool TryParse([NotNullWhen(true)] string? text, out Quarter quarter) => TryParse(text, null, out quarter);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Quarter result)
    {
        result = default;
        if (s is null) return false;
        var text = s.Trim();
        if (text.Length != 6 || (text[4] != 'Q' && text[4] != 'q')) return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        var number = text[5] - '0';
        if (number is < 1 or > 4 || year < 1900) return false;
        result = new Quarter(year, number);
        return true;
    }
}
