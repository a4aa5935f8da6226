using Analytics.Sources;

namespace Analytics.DemoData.Simulation;

/// <summary>Month arithmetic on a plain index (year × 12 + month − 1), cheap enough for the hot path.</summary>
public static class Months
{
    /// <summary>December of the calibration year: growth factors are 1 here.</summary>
    public static readonly int Anchor = Model.Calibration.AnchorYear * 12 + 11;

    public static int Of(DateOnly date) => date.Year * 12 + date.Month - 1;

    public static int First(Quarter quarter) => quarter.Year * 12 + quarter.FirstMonth - 1;

    public static int Last(Quarter quarter) => First(quarter) + 2;

    public static DateOnly FirstDay(int month) => new(month / 12, month % 12 + 1, 1);

    public static DateOnly LastDay(int month) => FirstDay(month).AddMonths(1).AddDays(-1);

    public static int Year(int month) => month / 12;

    /// <summary>Calendar month 1–12.</summary>
    public static int CalendarMonth(int month) => month % 12 + 1;

    /// <summary>Compound growth at <paramref name="annualRate"/> relative to the anchor month.</summary>
    public static double Growth(int month, double annualRate) => Math.Pow(1 + annualRate, (month - Anchor) / 12.0);

    /// <summary>Growth for flows counted over a year (meals, requests): 1 on average over the anchor year, so annual totals match.</summary>
    public static double FlowGrowth(int month, double annualRate) => Math.Pow(1 + annualRate, (month - Anchor + 5.5) / 12.0);

    /// <summary>Linear growth (for counts of institutions and organisations) relative to the anchor month.</summary>
    public static double LinearGrowth(int month, double annualRate) => 1 + annualRate * (month - Anchor) / 12.0;

    /// <summary>A day in the month, 1–28 so every month has it.</summary>
    public static DateOnly Day(int month, int day) => FirstDay(month).AddDays(Math.Clamp(day, 1, 28) - 1);
}
