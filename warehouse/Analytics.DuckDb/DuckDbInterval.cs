namespace Analytics.DuckDb;

/// <summary>
/// A DuckDB INTERVAL. Months, days and microseconds stay separate (as in DuckDB) because a month
/// has no fixed length; <see cref="ToTimeSpan"/> converts when there are no months.
/// </summary>
public readonly record struct DuckDbInterval(int Months, int Days, long Microseconds)
{
    public static DuckDbInterval FromTimeSpan(TimeSpan value) =>
        new(0, value.Days, (value.Ticks - value.Days * TimeSpan.TicksPerDay) / 10);

    public TimeSpan ToTimeSpan()
    {
        if (Months != 0)
        {
            throw new InvalidCastException($"An interval of {Months} month(s) has no fixed length and cannot be a TimeSpan.");
        }

        return TimeSpan.FromDays(Days) + TimeSpan.FromTicks(Microseconds * 10);
    }

    /// <summary>DuckDB's own text for the interval, e.g. "1 year 2 months 3 days 01:02:03.000004".</summary>
    public override string ToString() => Internal.Vectors.ValueText.FormatInterval(this);
}
