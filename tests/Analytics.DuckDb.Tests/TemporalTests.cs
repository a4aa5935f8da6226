using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class TemporalTests : DuckDbTestBase
{
    [Fact]
    public void Date_round_trips_as_DateOnly_including_before_1970_and_the_extremes()
    {
        AssertRoundTrip(new DateOnly(2024, 2, 29), "'2024-02-29'", "DATE");
        AssertRoundTrip(new DateOnly(1969, 12, 31), "'1969-12-31'", "DATE");
        AssertRoundTrip(new DateOnly(1900, 1, 1), "'1900-01-01'", "DATE");
        AssertRoundTrip(new DateOnly(1, 1, 1), "'0001-01-01'", "DATE");
        AssertRoundTrip(new DateOnly(9999, 12, 31), "'9999-12-31'", "DATE");
    }

    [Fact]
    public void Date_reads_through_GetDateTime_as_midnight()
    {
        using var reader = new DuckDbCommand("SELECT DATE '1950-06-15'", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(new DateTime(1950, 6, 15), reader.GetDateTime(0));
    }

    [Fact]
    public void Timestamp_round_trips_as_DateTime_with_microseconds()
    {
        AssertRoundTrip(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1234560), "'2024-01-02 03:04:05.123456'", "TIMESTAMP");
        AssertRoundTrip(new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9999990), "'1969-12-31 23:59:59.999999'", "TIMESTAMP");
        AssertRoundTrip(new DateTime(1, 1, 1), "'0001-01-01 00:00:00'", "TIMESTAMP");
        AssertRoundTrip(new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9999990), "'9999-12-31 23:59:59.999999'", "TIMESTAMP");
    }

    [Fact]
    public void Timestamp_reads_as_an_unspecified_kind()
    {
        Assert.Equal(DateTimeKind.Unspecified, Single<DateTime>("SELECT TIMESTAMP '2020-01-01 00:00:00'").Kind);
    }

    [Fact]
    public void Timestamp_variants_read_with_their_precision()
    {
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 1), Single<DateTime>("SELECT '2020-01-01 00:00:01'::TIMESTAMP_S"));
        Assert.Equal(new DateTime(2020, 1, 1).AddMilliseconds(123), Single<DateTime>("SELECT '2020-01-01 00:00:00.123'::TIMESTAMP_MS"));
        Assert.Equal(new DateTime(2020, 1, 1).AddTicks(1234567), Single<DateTime>("SELECT '2020-01-01 00:00:00.1234567'::TIMESTAMP_NS"));
    }

    [Fact]
    public void Timestamp_with_time_zone_reads_the_instant_in_utc()
    {
        Execute("SET TimeZone = 'UTC'");
        var expected = new DateTimeOffset(2024, 5, 6, 5, 8, 9, TimeSpan.Zero).AddTicks(10);
        AssertRoundTrip(expected, "'2024-05-06 07:08:09.000001+02'", "TIMESTAMP WITH TIME ZONE");
        Assert.Equal(expected.UtcDateTime, Single<DateTimeOffset>("SELECT $1::TIMESTAMPTZ", expected.UtcDateTime.AddHours(0)).UtcDateTime);
    }

    [Fact]
    public void Time_round_trips_as_TimeOnly_with_microseconds()
    {
        AssertRoundTrip(new TimeOnly(13, 14, 15).Add(TimeSpan.FromTicks(1234560)), "'13:14:15.123456'", "TIME");
        AssertRoundTrip(TimeOnly.MinValue, "'00:00:00'", "TIME");
        AssertRoundTrip(new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9999990)), "'23:59:59.999999'", "TIME");
    }

    [Fact]
    public void Interval_keeps_months_days_and_microseconds_apart()
    {
        AssertRoundTrip(new DuckDbInterval(14, 3, 3_723_000_004), "INTERVAL '1 year 2 months 3 days 01:02:03.000004'", "INTERVAL");
        AssertRoundTrip(new DuckDbInterval(0, -1, -1_000_000), "INTERVAL '-1 day -1 second'", "INTERVAL");
    }

    [Fact]
    public void Interval_converts_to_and_from_TimeSpan_when_it_has_no_months()
    {
        var interval = Single<DuckDbInterval>("SELECT INTERVAL '2 days 03:04:05.000006'");
        Assert.Equal(new TimeSpan(2, 3, 4, 5).Add(TimeSpan.FromTicks(60)), interval.ToTimeSpan());
        var span = new TimeSpan(1, 2, 3, 4, 5);
        Assert.Equal(new DuckDbInterval(0, 1, 7_384_005_000), Single<DuckDbInterval>("SELECT $1::INTERVAL", span));
        Assert.Equal(86_400_000_000L + 7_384_005_000, Single<long>("SELECT epoch_us($1::INTERVAL)", span));
        Assert.Throws<InvalidCastException>(() => Single<DuckDbInterval>("SELECT INTERVAL '1 month'").ToTimeSpan());
    }

    [Fact]
    public void Interval_reads_as_TimeSpan_through_GetFieldValue()
    {
        using var reader = new DuckDbCommand("SELECT INTERVAL '90 minutes'", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(TimeSpan.FromMinutes(90), reader.GetFieldValue<TimeSpan>(0));
    }

    [Fact]
    public void Bound_DateOnly_and_DateTime_compare_equal_to_literals()
    {
        Assert.True(Single<bool>("SELECT $1 = DATE '1960-03-04'", new DateOnly(1960, 3, 4)));
        Assert.True(Single<bool>("SELECT $1 = TIMESTAMP '1960-03-04 05:06:07.000008'", new DateTime(1960, 3, 4, 5, 6, 7).AddTicks(80)));
        Assert.True(Single<bool>("SELECT $1 = TIME '05:06:07'", new TimeOnly(5, 6, 7)));
    }
}
