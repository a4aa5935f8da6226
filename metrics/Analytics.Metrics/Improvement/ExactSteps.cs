namespace Analytics.Metrics.Improvement;

/// <summary>Whole-number bounds computed exactly on decimals (no rounding of the quotient leaks into a count).</summary>
internal static class ExactSteps
{
    /// <summary>The largest whole k with k × <paramref name="b"/> ≤ <paramref name="a"/> (b &gt; 0).</summary>
    public static decimal FloorDiv(decimal a, decimal b)
    {
        var k = decimal.Floor(a / b);
        while (k * b > a)
        {
            k -= 1m;
        }

        while ((k + 1m) * b <= a)
        {
            k += 1m;
        }

        return k;
    }

    /// <summary>The smallest whole k with k × <paramref name="b"/> ≥ <paramref name="a"/> (b &gt; 0).</summary>
    public static decimal CeilDiv(decimal a, decimal b)
    {
        var k = FloorDiv(a, b);
        return k * b < a ? k + 1m : k;
    }

    public static bool IsWhole(decimal value) => value == decimal.Truncate(value);
}
