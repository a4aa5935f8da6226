using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class DecimalTests : DuckDbTestBase
{
    [Fact]
    public void Decimal_round_trips_exactly_at_every_physical_width()
    {
        AssertRoundTrip(123.4m, "123.4", "DECIMAL(4,1)");
        AssertRoundTrip(-999.9m, "-999.9", "DECIMAL(4,1)");
        AssertRoundTrip(12345.6789m, "12345.6789", "DECIMAL(9,4)");
        AssertRoundTrip(-0.0001m, "-0.0001", "DECIMAL(9,4)");
        AssertRoundTrip(9999999999999999.99m, "9999999999999999.99", "DECIMAL(18,2)");
        AssertRoundTrip(-1234567890123456.78m, "-1234567890123456.78", "DECIMAL(18,2)");
        AssertRoundTrip(123456789012345678.0123456789m, "123456789012345678.0123456789", "DECIMAL(28,10)");
        AssertRoundTrip(-7922816251426433.7593543950m, "-7922816251426433.7593543950", "DECIMAL(38,10)");
    }

    [Fact]
    public void Decimal_keeps_the_column_scale()
    {
        var value = Single<decimal>("SELECT 1.5::DECIMAL(9,4)");
        Assert.Equal("1.5000", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Decimal_sum_of_tenths_is_exact()
    {
        Assert.Equal(0.3m, Single<decimal>("SELECT 0.1::DECIMAL(18,2) + 0.2::DECIMAL(18,2)"));
        Assert.Equal(0.3m, Single<decimal>("SELECT $1 + $2", 0.1m, 0.2m));
        Assert.Equal(0.3m, Single<decimal>("SELECT 0.1 + 0.2"));
    }

    [Fact]
    public void Decimal_too_big_for_System_Decimal_throws_a_clear_OverflowException()
    {
        using var reader = new DuckDbCommand("SELECT 99999999999999999999999999999999999999::DECIMAL(38,0)", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(typeof(decimal), reader.GetFieldType(0));
        var error = Assert.Throws<OverflowException>(() => reader.GetValue(0));
        Assert.Contains("DECIMAL(38,0)", error.Message);
        Assert.Contains("does not fit in System.Decimal", error.Message);
    }

    [Fact]
    public void Decimal_with_trailing_zero_digits_beyond_28_still_converts()
    {
        Assert.Equal(1.5m, Single<decimal>("SELECT 1.5::DECIMAL(38,30)"));
    }
}
