using System.Globalization;

namespace Analytics.Metrics;

/// <summary>The period being scored: a whole year ("2024") or one quarter ("2024Q3").</summary>
public sealed record AssessmentPeriod(int Year, int? Quarter)
{
    public static AssessmentPeriod ForYear(int year) => new(year, null);

    public static AssessmentPeriod ForQuarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? new(year, quarter) : throw new ArgumentOutOfRangeException(nameof(quarter));

    /// <summary>The four quarters of the year, then the whole year: every period a rubric of that year is scored for.</summary>
    public static IReadOnlyList<AssessmentPeriod> OfYear(int year) =>
        [ForQuarter(year, 1), ForQuarter(year, 2), ForQuarter(year, 3), ForQuarter(year, 4), ForYear(year)];

    public bool IsQuarter => Quarter is not null;

    /// <summary>
    /// The period before within the same scheme, the one a change of rank is measured against: the previous quarter of
    /// the year. Q1 and a whole year have none, since a scheme covers one year and the year before had another.
    /// </summary>
    public AssessmentPeriod? PreviousInScheme => Quarter is { } q and > 1 ? ForQuarter(Year, q - 1) : null;

    /// <summary>The period's last day: the region and the towns of a period are those standing on it.</summary>
    public DateOnly LastDay => Quarter is { } q
        ? new DateOnly(Year, q * 3, 1).AddMonths(1).AddDays(-1)
        : new DateOnly(Year, 12, 31);

    /// <summary>Quarters of the year elapsed at the end of the period (4 for a whole year); used for target projection.</summary>
    public int QuartersElapsed => Quarter ?? 4;

    public static bool TryParse(string? text, out AssessmentPeriod period)
    {
        period = ForYear(0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToUpperInvariant();
        if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            period = ForYear(y);
            return true;
        }

        if (t.Length == 6 && t[4] == 'Q' && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out y)
            && t[5] is >= '1' and <= '4')
        {
            period = ForQuarter(y, t[5] - '0');
            return true;
        }

        return false;
    }

    public override string ToString() => Quarter is { } q ? $"{Year}Q{q}" : Year.ToString(CultureInfo.InvariantCulture);
}
