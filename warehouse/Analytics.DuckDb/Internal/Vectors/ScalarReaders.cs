using System.Numerics;

namespace Analytics.DuckDb.Internal.Vectors;

/// <summary>BOOLEAN: one byte per value.</summary>
internal sealed unsafe class BooleanReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => GetBoolean(row);
    public override bool GetBoolean(ulong row) => Data[row] != 0;
}

/// <summary>Fixed-width integers and floating point; typed getters convert with overflow checks.</summary>
internal sealed unsafe class NumericReader<T>(ColumnType type) : VectorReader(type)
    where T : unmanaged, INumber<T>
{
    private T Read(ulong row) => ((T*)Data)[row];

    public override object GetValue(ulong row) => Read(row);
    public override byte GetByte(ulong row) => byte.CreateChecked(Read(row));
    public override short GetInt16(ulong row) => short.CreateChecked(Read(row));
    public override int GetInt32(ulong row) => int.CreateChecked(Read(row));
    public override long GetInt64(ulong row) => long.CreateChecked(Read(row));
    public override float GetFloat(ulong row) => float.CreateChecked(Read(row));
    public override double GetDouble(ulong row) => double.CreateChecked(Read(row));
    public override decimal GetDecimal(ulong row) => decimal.CreateChecked(Read(row));
    public override bool GetBoolean(ulong row) => Read(row) != T.Zero;
}

/// <summary>HUGEINT and UHUGEINT (128-bit) read as BigInteger.</summary>
internal sealed unsafe class HugeIntReader(ColumnType type, bool unsigned) : VectorReader(type)
{
    private BigInteger Read(ulong row)
    {
        var lower = ((ulong*)Data)[row * 2];
        var upper = ((ulong*)Data)[row * 2 + 1];
        return unsigned
            ? (BigInteger)new UInt128(upper, lower)
            : (BigInteger)new Int128(upper, lower);
    }

    public override object GetValue(ulong row) => Read(row);
    public override long GetInt64(ulong row) => (long)Read(row);
    public override int GetInt32(ulong row) => (int)Read(row);
    public override double GetDouble(ulong row) => (double)Read(row);
    public override decimal GetDecimal(ulong row) => (decimal)Read(row);
}

/// <summary>DECIMAL(w,s): an unscaled integer of 2, 4, 8 or 16 bytes, read exactly as System.Decimal.</summary>
internal sealed unsafe class DecimalReader(ColumnType type) : VectorReader(type)
{
    private readonly int _scale = type.DecimalScale;

    public override object GetValue(ulong row) => GetDecimal(row);
    public override double GetDouble(ulong row) => (double)GetDecimal(row);

    public override decimal GetDecimal(ulong row)
    {
        Int128 unscaled = Type.PhysicalId switch
        {
            Native.DuckDbTypeId.SmallInt => ((short*)Data)[row],
            Native.DuckDbTypeId.Integer => ((int*)Data)[row],
            Native.DuckDbTypeId.BigInt => ((long*)Data)[row],
            _ => new Int128(((ulong*)Data)[row * 2 + 1], ((ulong*)Data)[row * 2]),
        };
        return DecimalConversion.ToDecimal(unscaled, _scale, Type.SqlName);
    }
}

/// <summary>Exact conversions between DuckDB's scaled integers and System.Decimal.</summary>
internal static class DecimalConversion
{
    private static readonly Int128 Max96Bit = (Int128.One << 96) - 1;

    public static decimal ToDecimal(Int128 unscaled, int scale, string typeName)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? -unscaled : unscaled;

        // System.Decimal holds 96 bits with a scale up to 28; drop trailing zeros first so that
        // values which fit in spirit (e.g. DECIMAL(38,30) 1.5) still convert exactly.
        while ((magnitude > Max96Bit || scale > 28) && scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        if (magnitude > Max96Bit || scale > 28)
        {
            throw new OverflowException($"The {typeName} value {(negative ? "-" : "")}{magnitude}e-{scale} does not fit in System.Decimal; cast it to VARCHAR or DOUBLE in SQL.");
        }

        var lo = (int)(uint)(ulong)magnitude;
        var mid = (int)(uint)(ulong)(magnitude >> 32);
        var hi = (int)(uint)(ulong)(magnitude >> 64);
        return new decimal(lo, mid, hi, negative, (byte)scale);
    }

    /// <summary>Splits a System.Decimal into DuckDB's width, scale and unscaled value.</summary>
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
