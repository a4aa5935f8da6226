using System.Globalization;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Vectors;

/// <summary>Conversions between DuckDB's epoch-based integers and .NET date and time types.</summary>
internal static class Temporal
{
    public static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private const int UnixEpochDayNumber = 719162; // DateOnly(1970, 1, 1).DayNumber

    public static DateOnly ToDate(int days)
    {
        if (days == int.MaxValue)
        {
            return DateOnly.MaxValue; // 'infinity'
        }

        if (days == -int.MaxValue)
        {
            return DateOnly.MinValue; // '-infinity'
        }

        return DateOnly.FromDayNumber(days + UnixEpochDayNumber);
    }

    public static int FromDate(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    public static DateTime ToDateTime(long micros)
    {
        if (micros == long.MaxValue)
        {
            return DateTime.MaxValue;
        }

        if (micros == -long.MaxValue)
        {
            return DateTime.MinValue;
        }

        return new DateTime(UnixEpochTicks + micros * 10, DateTimeKind.Unspecified);
    }

    public static long FromDateTime(DateTime value) => (value.Ticks - UnixEpochTicks) / 10;
}

/// <summary>DATE as DateOnly.</summary>
internal sealed unsafe class DateReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => Temporal.ToDate(((int*)Data)[row]);
    public override DateTime GetDateTime(ulong row) => Temporal.ToDate(((int*)Data)[row]).ToDateTime(TimeOnly.MinValue);
}

/// <summary>TIME (microseconds) and TIME_NS (nanoseconds) as TimeOnly.</summary>
internal sealed unsafe class TimeReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row)
    {
        var raw = ((long*)Data)[row];
        var ticks = Type.Id == DuckDbTypeId.TimeNs ? raw / 100 : raw * 10;
        // 24:00:00 is a valid DuckDB time but not a TimeOnly.
        return new TimeOnly(Math.Min(ticks, TimeOnly.MaxValue.Ticks));
    }
}

/// <summary>TIME WITH TIME ZONE: 40 bits of microseconds and 24 bits of encoded offset; read as text.</summary>
internal sealed unsafe class TimeTzReader(ColumnType type) : VectorReader(type)
{
    private const long MaxOffsetSeconds = 16 * 60 * 60 - 1;

    public override object GetValue(ulong row)
    {
        var bits = ((ulong*)Data)[row];
        var micros = (long)(bits >> 24);
        var offsetSeconds = MaxOffsetSeconds - (long)(bits & 0xFFFFFF);
        var time = new TimeOnly(Math.Min(micros * 10, TimeOnly.MaxValue.Ticks));
        var sign = offsetSeconds < 0 ? '-' : '+';
        var offset = TimeSpan.FromSeconds(Math.Abs(offsetSeconds));
        var offsetText = offset.Minutes == 0 && offset.Seconds == 0
            ? offset.Hours.ToString("00", CultureInfo.InvariantCulture)
            : offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return ValueText.Format(time) + sign + offsetText;
    }
}

/// <summary>TIMESTAMP in its four units as DateTime (kind Unspecified, as DuckDB stores no zone).</summary>
internal sealed unsafe class TimestampReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => GetDateTime(row);

    public override DateTime GetDateTime(ulong row)
    {
        var raw = ((long*)Data)[row];
        var micros = Type.Id switch
        {
            DuckDbTypeId.TimestampS => raw is long.MaxValue or -long.MaxValue ? raw : raw * 1_000_000,
            DuckDbTypeId.TimestampMs => raw is long.MaxValue or -long.MaxValue ? raw : raw * 1_000,
            DuckDbTypeId.TimestampNs => raw is long.MaxValue or -long.MaxValue ? raw : raw / 1_000,
            _ => raw,
        };
        var value = Temporal.ToDateTime(micros);
        return Type.Id == DuckDbTypeId.TimestampNs && value != DateTime.MaxValue && value != DateTime.MinValue
            ? value.AddTicks(raw % 1_000 / 100)
            : value;
    }
}

/// <summary>TIMESTAMP WITH TIME ZONE: an instant, read as a UTC DateTimeOffset.</summary>
internal sealed unsafe class TimestampTzReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => new DateTimeOffset(DateTime.SpecifyKind(Temporal.ToDateTime(((long*)Data)[row]), DateTimeKind.Utc));
    public override DateTime GetDateTime(ulong row) => DateTime.SpecifyKind(Temporal.ToDateTime(((long*)Data)[row]), DateTimeKind.Utc);
}

/// <summary>INTERVAL as <see cref="DuckDbInterval"/>.</summary>
internal sealed unsafe class IntervalReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row)
    {
        var entry = ((DuckDbIntervalStruct*)Data)[row];
        return new DuckDbInterval(entry.Months, entry.Days, entry.Micros);
    }
}
