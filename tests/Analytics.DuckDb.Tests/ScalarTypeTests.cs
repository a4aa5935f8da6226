using System.Numerics;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class ScalarTypeTests : DuckDbTestBase
{
    [Fact]
    public void Boolean_round_trips_true_and_false()
    {
        AssertRoundTrip(true, "true", "BOOLEAN");
        AssertRoundTrip(false, "false", "BOOLEAN");
    }

    [Fact]
    public void Signed_integers_round_trip_their_min_and_max()
    {
        AssertRoundTrip(sbyte.MinValue, "-128", "TINYINT");
        AssertRoundTrip(sbyte.MaxValue, "127", "TINYINT");
        AssertRoundTrip(short.MinValue, "-32768", "SMALLINT");
        AssertRoundTrip(short.MaxValue, "32767", "SMALLINT");
        AssertRoundTrip(int.MinValue, "-2147483648", "INTEGER");
        AssertRoundTrip(int.MaxValue, "2147483647", "INTEGER");
        AssertRoundTrip(long.MinValue, "-9223372036854775808", "BIGINT");
        AssertRoundTrip(long.MaxValue, "9223372036854775807", "BIGINT");
        AssertRoundTrip(0L, "0", "BIGINT");
    }

    [Fact]
    public void Unsigned_integers_round_trip_zero_and_max()
    {
        AssertRoundTrip(byte.MinValue, "0", "UTINYINT");
        AssertRoundTrip(byte.MaxValue, "255", "UTINYINT");
        AssertRoundTrip(ushort.MaxValue, "65535", "USMALLINT");
        AssertRoundTrip(uint.MaxValue, "4294967295", "UINTEGER");
        AssertRoundTrip(ulong.MaxValue, "18446744073709551615", "UBIGINT");
        AssertRoundTrip(ulong.MinValue, "0", "UBIGINT");
    }

    [Fact]
    public void Hugeint_round_trips_its_min_and_max_as_BigInteger()
    {
        var min = -BigInteger.Pow(2, 127);
        var max = BigInteger.Pow(2, 127) - 1;
        AssertRoundTrip(min, "-170141183460469231731687303715884105728", "HUGEINT");
        AssertRoundTrip(max, "170141183460469231731687303715884105727", "HUGEINT");
        AssertRoundTrip(new BigInteger(-1), "-1", "HUGEINT");
    }

    [Fact]
    public void Uhugeint_reads_its_max_as_BigInteger()
    {
        var max = BigInteger.Pow(2, 128) - 1;
        Assert.Equal(max, Single<BigInteger>("SELECT '340282366920938463463374607431768211455'::UHUGEINT"));
    }

    [Fact]
    public void Typed_getters_convert_integers_with_overflow_checks()
    {
        using var reader = new DuckDbCommand("SELECT 300::INTEGER, 5::TINYINT", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(300L, reader.GetInt64(0));
        Assert.Equal((short)300, reader.GetInt16(0));
        Assert.Throws<OverflowException>(() => reader.GetByte(0));
        Assert.Equal(5, reader.GetInt32(1));
        Assert.Equal(5L, reader.GetFieldValue<long>(1));
    }

    [Fact]
    public void Float_and_double_round_trip_including_nan_and_infinities()
    {
        AssertRoundTrip(1.5f, "1.5", "FLOAT");
        AssertRoundTrip(float.MaxValue, "3.4028235e38", "FLOAT");
        AssertRoundTrip(-0.1, "-0.1", "DOUBLE");
        AssertRoundTrip(double.MaxValue, "1.7976931348623157e308", "DOUBLE");
        AssertRoundTrip(double.Epsilon, "4.9406564584124654e-324", "DOUBLE");
        AssertRoundTrip(double.PositiveInfinity, "'inf'", "DOUBLE");
        AssertRoundTrip(double.NegativeInfinity, "'-inf'", "DOUBLE");
        AssertRoundTrip(double.NaN, "'nan'", "DOUBLE");
        AssertRoundTrip(float.NaN, "'nan'", "FLOAT");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("123456789012")] // 12 bytes: the longest string DuckDB stores inline
    [InlineData("1234567890123")] // 13 bytes: the shortest stored behind a pointer
    [InlineData("岳阳街道")] // 12 UTF-8 bytes exactly
    [InlineData("岳阳街道x")] // 13 UTF-8 bytes
    [InlineData("payments 😀 with emoji and a fairly long tail to leave the inline area")]
    [InlineData("it's quoted")]
    public void Varchar_round_trips_unicode_and_both_sides_of_the_inline_boundary(string value)
    {
        var literal = "'" + value.Replace("'", "''") + "'";
        AssertRoundTrip(value, literal, "VARCHAR");
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(value), Single<long>("SELECT strlen($1)", value));
    }

    [Fact]
    public void Varchar_of_a_megabyte_round_trips()
    {
        var value = new string('x', 1 << 20) + "岳";
        Assert.Equal(value, Single<string>("SELECT $1::VARCHAR", value));
        Assert.Equal(value.Length, (int)Single<long>("SELECT length($1)", value));
    }

    [Fact]
    public void Blob_round_trips_bytes_including_zero()
    {
        AssertRoundTrip(new byte[] { 0x00, 0x01, 0xFF, 0x41, 0x00 }, "'\\x00\\x01\\xFFA\\x00'", "BLOB");
        AssertRoundTrip(Array.Empty<byte>(), "''", "BLOB");
        var large = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        Assert.Equal(large, Single<byte[]>("SELECT $1::BLOB", large));
    }

    [Fact]
    public void GetBytes_copies_blob_slices()
    {
        using var reader = new DuckDbCommand("SELECT '\\x00\\x01\\x02\\x03'::BLOB", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(4, reader.GetBytes(0, 0, null, 0, 0));
        var buffer = new byte[2];
        Assert.Equal(2, reader.GetBytes(0, 2, buffer, 0, 2));
        Assert.Equal(new byte[] { 2, 3 }, buffer);
    }

    [Fact]
    public void Uuid_round_trips_as_Guid_and_matches_the_literal_text()
    {
        var text = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        AssertRoundTrip(Guid.Parse(text), $"'{text}'", "UUID");
        AssertRoundTrip(Guid.Empty, "'00000000-0000-0000-0000-000000000000'", "UUID");
        AssertRoundTrip(Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), "'ffffffff-ffff-ffff-ffff-ffffffffffff'", "UUID");
        var random = Guid.NewGuid();
        Assert.Equal(random.ToString(), Single<string>("SELECT $1::UUID::VARCHAR", random));
        Assert.Equal(text, Single<Guid>($"SELECT '{text}'::UUID").ToString());
    }
}
