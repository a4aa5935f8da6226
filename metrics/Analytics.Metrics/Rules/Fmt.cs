using System.Globalization;

namespace Analytics.Metrics.Rules;

/// <summary>Number formatting for Chinese explanations: plain decimals, no trailing zeros, no floating point.</summary>
public static class Fmt
{
    public static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>A rate shown to one decimal place ("15.0%"); display only, scoring never uses the rounded value.</summary>
    public static string Pct(decimal numerator, decimal denominator) =>
        Math.Round(numerator * 100m / denominator, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Pct(decimal percent) => Num(percent) + "%";
}
