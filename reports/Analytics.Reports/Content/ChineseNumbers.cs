using System.Globalization;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Reports.Content;

/// <summary>Number and period wording for the briefings: "1,234 人次", "10.1%", "2,430.27 万元", "2024年第4季度".</summary>
public static class ChineseNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A score exactly as `./analytics score` prints it (no rounding, no trailing zeros).</summary>
    public static string Score(decimal value) => Fmt.Num(value);

    /// <summary>An indicator value with its unit; amounts of 10,000 元 or more in 万元.</summary>
    public static string Value(Indicator indicator, decimal? value) => value is not { } v ? "—" : indicator.Unit switch
    {
        "%" => v.ToString("0.0", Invariant) + "%",
        "元" when Math.Abs(v) >= 10_000m => (v / 10_000m).ToString("#,0.00", Invariant) + " 万元",
        var unit => Grouped(v) + " " + unit,
    };

    /// <summary>Thousands separators, decimals only when there are any ("1,234", "3.5").</summary>
    public static string Grouped(decimal value) => value.ToString("#,0.##", Invariant);

    /// <summary>A per-capita rate with its two decimals always shown, so a column of rates lines up ("21.10", not "21.1").</summary>
    public static string Rate(decimal value) => value.ToString("#,0.00", Invariant);

    /// <summary>
    /// A 同比 or 环比 in a table cell, rounded to 0.1 as in the briefing's text: a rate's change in percentage points
    /// ("+1.2 个百分点"), a count's or amount's in percent ("-3.5%"); "持平" when it rounds to zero, "—" without a base.
    /// </summary>
    public static string ChangeCell(Indicator indicator, decimal? percent, decimal? change)
    {
        var (number, suffix) = indicator.Unit == "%" ? (change, " 个百分点") : (percent, "%");
        if (number is not { } n)
        {
            return "—";
        }

        var rounded = Math.Round(n, 1, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "持平" : rounded.ToString("+0.0;-0.0", Invariant) + suffix;
    }

    public static string Percent(decimal value) => value.ToString("0.0", Invariant) + "%";

    public static string PeriodLabel(AssessmentPeriod period) =>
        period.Quarter is { } q ? $"{period.Year}年第{q}季度" : $"{period.Year}年度";

    /// <summary>本季度 / 本年度.</summary>
    public static string ThisPeriod(AssessmentPeriod period) => period.IsQuarter ? "本季度" : "本年度";

    /// <summary>2024年12月31日 08:15 in Shanghai time, for the stamp on every page.</summary>
    public static string Time(DateTimeOffset? instant) => instant is not { } t
        ? "—"
        : TimeZoneInfo.ConvertTime(t, Shanghai).ToString("yyyy年M月d日 HH:mm", Invariant);

    /// <summary>2024-12-31 08:15 in Shanghai time, for the page footer where space is short.</summary>
    public static string ShortTime(DateTimeOffset? instant) => instant is not { } t
        ? "—"
        : TimeZoneInfo.ConvertTime(t, Shanghai).ToString("yyyy-MM-dd HH:mm", Invariant);

    /// <summary>2024年12月31日, the date of the title block.</summary>
    public static string Date(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Shanghai).ToString("yyyy年M月d日", Invariant);

    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    private static TimeZoneInfo FindShanghai()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        }
    }
}
