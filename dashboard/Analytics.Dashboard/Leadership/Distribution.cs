namespace Analytics.Dashboard.Leadership;

/// <summary>Five-number summary of the 街镇 of a district (box plot): minimum, quartiles, median, maximum.</summary>
public sealed record FiveNumbers(decimal Minimum, decimal LowerQuartile, decimal Median, decimal UpperQuartile, decimal Maximum)
{
    public decimal[] ToArray() => [Minimum, LowerQuartile, Median, UpperQuartile, Maximum];
}

/// <summary>Exact decimal order statistics; quartiles interpolate linearly like DuckDB's <c>quantile_cont</c>.</summary>
public static class Distribution
{
    public static decimal? Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : Quantile(sorted, 0.5m);
    }

    public static FiveNumbers? Summary(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? null
            : new FiveNumbers(sorted[0], Quantile(sorted, 0.25m), Quantile(sorted, 0.5m), Quantile(sorted, 0.75m), sorted[^1]);
    }

    private static decimal Quantile(IReadOnlyList<decimal> sorted, decimal p)
    {
        var position = p * (sorted.Count - 1);
        var lower = (int)decimal.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
