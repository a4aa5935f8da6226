using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Analytics.DuckDb.Internal.Vectors;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Appending;

/// <summary>
/// Writes values of one appender column into the current data chunk's vector, converting between
/// compatible .NET and DuckDB types with overflow checks.
/// </summary>
internal sealed unsafe class ColumnWriter
{
    private readonly string _name;
    private readonly ColumnType _type;
    private IntPtr _vector;
    private byte* _data;
    private ulong* _validity;
    private byte[] _utf8 = new byte[256];

    public ColumnWriter(string name, ColumnType type)
    {
        _name = name;
        _type = type;
        if (!IsSupported(type.Id))
        {
            throw new NotSupportedException($"The appender cannot write column {name} of type {type.SqlName}; insert it with SQL instead.");
        }
    }

    private static bool IsSupported(DuckDbTypeId id) => id is DuckDbTypeId.Boolean or DuckDbTypeId.TinyInt or DuckDbTypeId.SmallInt
        or DuckDbTypeId.Integer or DuckDbTypeId.BigInt or DuckDbTypeId.UTinyInt or DuckDbTypeId.USmallInt or DuckDbTypeId.UInteger
        or DuckDbTypeId.UBigInt or DuckDbTypeId.HugeInt or DuckDbTypeId.Float or DuckDbTypeId.Double or DuckDbTypeId.Decimal
        or DuckDbTypeId.Varchar or DuckDbTypeId.Blob or DuckDbTypeId.Date or DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampTz
        or DuckDbTypeId.Time or DuckDbTypeId.Interval or DuckDbTypeId.Uuid;

    /// <summary>Points the writer at the vector of a freshly created or reset chunk.</summary>
    public void Bind(IntPtr vector)
    {
        _vector = vector;
        _data = (byte*)NativeMethods.VectorGetData(vector);
        _validity = null;
    }

    public void WriteNull(ulong row)
    {
        if (_validity == null)
        {
            NativeMethods.VectorEnsureValidityWritable(_vector);
            _validity = (ulong*)NativeMethods.VectorGetValidity(_vector);
        }

        _validity[row >> 6] &= ~(1UL << (int)(row & 63));
    }

    /// <summary>Clears a NULL mark at the row, if this chunk's validity mask was made writable.</summary>
    public void MarkValid(ulong row)
    {
        if (_validity != null)
        {
            _validity[row >> 6] |= 1UL << (int)(row & 63);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(ulong row, long value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.BigInt: ((long*)_data)[row] = value; break;
            case DuckDbTypeId.Integer: ((int*)_data)[row] = Checked<int>(value); break;
            case DuckDbTypeId.SmallInt: ((short*)_data)[row] = Checked<short>(value); break;
            case DuckDbTypeId.TinyInt: ((sbyte*)_data)[row] = Checked<sbyte>(value); break;
            case DuckDbTypeId.UBigInt: ((ulong*)_data)[row] = Checked<ulong>(value); break;
            case DuckDbTypeId.UInteger: ((uint*)_data)[row] = Checked<uint>(value); break;
            case DuckDbTypeId.USmallInt: ((ushort*)_data)[row] = Checked<ushort>(value); break;
            case DuckDbTypeId.UTinyInt: _data[row] = Checked<byte>(value); break;
            case DuckDbTypeId.HugeInt: WriteHugeInt(row, value); break;
            case DuckDbTypeId.Double: ((double*)_data)[row] = value; break;
            case DuckDbTypeId.Float: ((float*)_data)[row] = value; break;
            case DuckDbTypeId.Decimal: WriteDecimal(row, value); break;
            case DuckDbTypeId.Boolean: _data[row] = value != 0 ? (byte)1 : (byte)0; break;
            default: throw Mismatch(typeof(long));
        }
    }

    public void WriteUInt64(ulong row, ulong value)
    {
        if (_type.Id == DuckDbTypeId.UBigInt)
        {
            ((ulong*)_data)[row] = value;
            return;
        }

        WriteInt64(row, Checked<long>(value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteDouble(ulong row, double value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Double: ((double*)_data)[row] = value; break;
            case DuckDbTypeId.Float: ((float*)_data)[row] = (float)value; break;
            case DuckDbTypeId.Decimal: WriteDecimal(row, (decimal)value); break;
            default: throw Mismatch(typeof(double));
        }
    }

    public void WriteBoolean(ulong row, bool value)
    {
        if (_type.Id != DuckDbTypeId.Boolean)
        {
            throw Mismatch(typeof(bool));
        }

        _data[row] = value ? (byte)1 : (byte)0;
    }

    public void WriteDecimal(ulong row, decimal value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Decimal:
                var scaled = decimal.Round(value, _type.DecimalScale, MidpointRounding.ToEven);
                if (scaled != value)
                {
                    throw new OverflowException($"Column {_name} ({_type.SqlName}) cannot hold {value.ToString(CultureInfo.InvariantCulture)} exactly.");
                }

                var (_, scale, unscaled) = DecimalConversion.FromDecimal(scaled);
                for (var s = scale; s < _type.DecimalScale; s++)
                {
                    unscaled *= 10;
                }

                WriteUnscaled(row, unscaled);
                break;
            case DuckDbTypeId.Double: ((double*)_data)[row] = (double)value; break;
            case DuckDbTypeId.Float: ((float*)_data)[row] = (float)value; break;
            default:
                if (decimal.Truncate(value) != value)
                {
                    throw Mismatch(typeof(decimal));
                }

                WriteInt64(row, (long)value);
                break;
        }
    }

    private void WriteUnscaled(ulong row, Int128 unscaled)
    {
        var limit = Int128.One;
        for (var i = 0; i < _type.DecimalWidth; i++)
        {
            limit *= 10;
        }

        if (Int128.Abs(unscaled) >= limit)
        {
            throw new OverflowException($"The value does not fit column {_name} ({_type.SqlName}).");
        }

        switch (_type.PhysicalId)
        {
            case DuckDbTypeId.SmallInt: ((short*)_data)[row] = (short)unscaled; break;
            case DuckDbTypeId.Integer: ((int*)_data)[row] = (int)unscaled; break;
            case DuckDbTypeId.BigInt: ((long*)_data)[row] = (long)unscaled; break;
            default:
                ((ulong*)_data)[row * 2] = (ulong)unscaled;
                ((long*)_data)[row * 2 + 1] = (long)(unscaled >> 64);
                break;
        }
    }

    private void WriteHugeInt(ulong row, Int128 value)
    {
        ((ulong*)_data)[row * 2] = (ulong)value;
        ((long*)_data)[row * 2 + 1] = (long)(value >> 64);
    }

    public void WriteBigInteger(ulong row, BigInteger value)
    {
        if (_type.Id == DuckDbTypeId.HugeInt)
        {
            WriteHugeInt(row, Fits(value, (BigInteger)Int128.MinValue, (BigInteger)Int128.MaxValue) ? (Int128)value : throw Overflow(value));
            return;
        }

        if (_type.Id == DuckDbTypeId.UBigInt && value > long.MaxValue)
        {
            WriteUInt64(row, Fits(value, ulong.MinValue, ulong.MaxValue) ? (ulong)value : throw Overflow(value));
            return;
        }

        // The plain casts would throw an OverflowException that does not name the column.
        WriteInt64(row, Fits(value, long.MinValue, long.MaxValue) ? (long)value : throw Overflow(value));
    }

    private static bool Fits(BigInteger value, BigInteger min, BigInteger max) => value >= min && value <= max;

    private OverflowException Overflow(BigInteger value) =>
        new($"The value {value} does not fit column {_name} ({_type.SqlName}).");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteString(ulong row, string value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Varchar:
                var max = Encoding.UTF8.GetMaxByteCount(value.Length);
                if (max > _utf8.Length)
                {
                    _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
                }

                var length = Encoding.UTF8.GetBytes(value, _utf8);
                if (length <= InlineStringLength)
                {
                    WriteInlineString(row, _utf8.AsSpan(0, length));
                    break;
                }

                fixed (byte* pointer = _utf8)
                {
                    // .NET produced the bytes, so they are valid UTF-8 and DuckDB need not check again.
                    NativeMethods.VectorAssignStringUnchecked(_vector, row, pointer, (ulong)length);
                }

                break;
            case DuckDbTypeId.Uuid:
                WriteGuid(row, Guid.Parse(value));
                break;
            default:
                throw Mismatch(typeof(string));
        }
    }

    // duckdb_string_t keeps strings of up to 12 bytes inside its 16-byte entry: length, then the bytes,
    // zero-padded. Writing such entries directly saves a native call per value; longer strings must
    // live in the vector's own string heap, so they go through duckdb_vector_assign_string_element_len.
    private const int InlineStringLength = 12;

    private void WriteInlineString(ulong row, ReadOnlySpan<byte> utf8)
    {
        var entry = _data + row * 16;
        *(uint*)entry = (uint)utf8.Length;
        var inline = new Span<byte>(entry + 4, InlineStringLength);
        utf8.CopyTo(inline);
        inline[utf8.Length..].Clear();
    }

    public void WriteBytes(ulong row, ReadOnlySpan<byte> value)
    {
        if (_type.Id is not (DuckDbTypeId.Blob or DuckDbTypeId.Varchar))
        {
            throw Mismatch(typeof(byte[]));
        }

        fixed (byte* pointer = value)
        {
            NativeMethods.VectorAssignBytes(_vector, row, pointer, (ulong)value.Length);
        }
    }

    public void WriteDate(ulong row, DateOnly value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Date: ((int*)_data)[row] = Temporal.FromDate(value); break;
            case DuckDbTypeId.Timestamp: ((long*)_data)[row] = Temporal.FromDateTime(value.ToDateTime(TimeOnly.MinValue)); break;
            default: throw Mismatch(typeof(DateOnly));
        }
    }

    public void WriteDateTime(ulong row, DateTime value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Timestamp: ((long*)_data)[row] = Temporal.FromDateTime(value); break;
            case DuckDbTypeId.TimestampTz: ((long*)_data)[row] = Temporal.FromDateTime(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value); break;
            case DuckDbTypeId.Date:
                if (value.TimeOfDay != TimeSpan.Zero)
                {
                    throw new InvalidCastException($"Column {_name} is a DATE; {value:O} has a time of day.");
                }

                ((int*)_data)[row] = Temporal.FromDate(DateOnly.FromDateTime(value));
                break;
            default: throw Mismatch(typeof(DateTime));
        }
    }

    public void WriteTime(ulong row, TimeOnly value)
    {
        if (_type.Id != DuckDbTypeId.Time)
        {
            throw Mismatch(typeof(TimeOnly));
        }

        ((long*)_data)[row] = value.Ticks / 10;
    }

    public void WriteInterval(ulong row, DuckDbInterval value)
    {
        if (_type.Id != DuckDbTypeId.Interval)
        {
            throw Mismatch(typeof(DuckDbInterval));
        }

        ((DuckDbIntervalStruct*)_data)[row] = new DuckDbIntervalStruct { Months = value.Months, Days = value.Days, Micros = value.Microseconds };
    }

    public void WriteGuid(ulong row, Guid value)
    {
        if (_type.Id != DuckDbTypeId.Uuid)
        {
            throw Mismatch(typeof(Guid));
        }

        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        ((ulong*)_data)[row * 2 + 1] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) ^ (1UL << 63);
        ((ulong*)_data)[row * 2] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
    }

    private T Checked<T>(long value) where T : INumber<T>
    {
        try
        {
            return T.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new OverflowException($"The value {value} does not fit column {_name} ({_type.SqlName}).");
        }
    }

    private T Checked<T>(ulong value) where T : INumber<T>
    {
        try
        {
            return T.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new OverflowException($"The value {value} does not fit column {_name} ({_type.SqlName}).");
        }
    }

    private InvalidCastException Mismatch(Type supplied) =>
        new($"Column {_name} is {_type.SqlName}; a {supplied.Name} value cannot be appended to it.");
}
