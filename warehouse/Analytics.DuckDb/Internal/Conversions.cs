using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>.NET dates and times as DuckDB's epoch-based integers (what the Arrow batches hold).</summary>
internal static class Temporal
{
    public static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private const int UnixEpochDayNumber = 719162; // DateOnly(1970, 1, 1).DayNumber

    public static int FromDate(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    public static long FromDateTime(DateTime value) => (value.Ticks - UnixEpochTicks) / 10;
}

/// <summary>Exact conversion of System.Decimal into DuckDB's width, scale and unscaled value.</summary>
internal static class DecimalConversion
{
    public static (byte Width, byte Scale, Int128 Unscaled) FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        var negative = bits[3] < 0;
        Int128 magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var digits = magnitude == 0 ? 1 : magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var width = (byte)Math.Clamp(Math.Max(digits, scale + 1), 1, 38);
        return (width, scale, negative ? -magnitude : magnitude);
    }
}

/// <summary>Access to duckdb_string_t entries: inlined up to 12 bytes, else a pointer.</summary>
internal static unsafe class StringEntry
{
    private const int InlineLength = 12;

    public static ReadOnlySpan<byte> Bytes(byte* data, ulong row)
    {
        var entry = (DuckDbStringStruct*)(data + row * 16);
        var length = (int)entry->Length;
        return length <= InlineLength
            ? new ReadOnlySpan<byte>((byte*)entry + 4, length)
            : new ReadOnlySpan<byte>((byte*)entry->Pointer, length);
    }
}
