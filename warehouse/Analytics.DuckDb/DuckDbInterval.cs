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

}
