namespace Analytics.DuckDb.Internal;

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
