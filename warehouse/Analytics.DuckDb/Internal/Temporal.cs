namespace Analytics.DuckDb.Internal;

/// <summary>.NET dates and times as DuckDB's epoch-based integers (what the Arrow batches hold).</summary>
internal static class Temporal
{
    public static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private const int UnixEpochDayNumber = 719162; // DateOnly(1970, 1, 1).DayNumber

    public static int FromDate(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    public static long FromDateTime(DateTime value) => (value.Ticks - UnixEpochTicks) / 10;
}
