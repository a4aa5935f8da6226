namespace Analytics.Metrics.Rules;

/// <summary>Exact decimal helpers; rates are compared by cross-multiplication so 3/60 is exactly 5%.</summary>
public static class ExactMath
{
    /// <summary>Smallest whole number of steps covering <paramref name="excess"/> (a partial step counts as a whole one).</summary>
    public static decimal CeilingSteps(decimal excess, decimal stepSize)
    {
        if (excess <= 0m)
        {
            return 0m;
        }

        // Decimal division may round the 28th digit; the remainder check keeps the answer exact.
        var steps = decimal.Floor(excess / stepSize);
        while (steps * stepSize > excess)
        {
            steps -= 1m;
        }

        return steps * stepSize < excess ? steps + 1m : steps;
    }

    /// <summary>Rounds a derived score to 0.01 point, half away from zero (四舍五入).</summary>
    public static decimal RoundScore(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Drops trailing zeros a sum may carry (0.5 + 0.5 = 1.0 → 1), so JSON shows 25, not 25.00; the value is unchanged.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    public static decimal Clamp(decimal value, decimal min, decimal max) => Math.Min(max, Math.Max(min, value));
}
