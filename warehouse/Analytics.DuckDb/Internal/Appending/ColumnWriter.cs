using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Appending;

/// <summary>
/// Writes values of one appender column into the current batch's <see cref="ColumnBuffer"/>, converting
/// between compatible .NET and DuckDB types with overflow checks.
/// </summary>
internal sealed unsafe class ColumnWriter
{
    private readonly string _name;
    private readonly ColumnType _type;
    private ColumnBuffer _buffer = null!;
    private byte* _data;

    public ColumnWriter(string name, ColumnType type)
    {
        _name = name;
        _type = type;
        if (!IsSupported(type.Id))
        {
            throw new NotSupportedException($"The appender cannot write column {name} of type {type.SqlName}; insert it with SQL instead.");
        }

        Arrow = ArrowColumn.For(type);
    }

    /// <summary>How this column travels to DuckDB.</summary>
    public ArrowColumn Arrow { get; }

    private static bool IsSupported(DuckDbTypeId id) => id is DuckDbTypeId.Boolean or DuckDbTypeId.TinyInt or DuckDbTypeId.SmallInt
        or DuckDbTypeId.Integer or DuckDbTypeId.BigInt or DuckDbTypeId.UTinyInt or DuckDbTypeId.USmallInt or DuckDbTypeId.UInteger
        or DuckDbTypeId.UBigInt or DuckDbTypeId.HugeInt or DuckDbTypeId.Float or DuckDbTypeId.Double or DuckDbTypeId.Decimal
        or DuckDbTypeId.Varchar or DuckDbTypeId.Blob or DuckDbTypeId.Date or DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampTz
        or DuckDbTypeId.Time or DuckDbTypeId.Interval or DuckDbTypeId.Uuid;

    /// <summary>Points the writer at its column of the batch being filled.</summary>
    public void Bind(ColumnBuffer buffer)
    {
        _buffer = buffer;
        _data = buffer.Data;
    }

    public void WriteNull(int row) => _buffer.SetNull(row);

    /// <summary>Clears a NULL mark an abandoned row may have left at the row.</summary>
    public void MarkValid(int row) => _buffer.SetValid(row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(int row, long value)
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
            case DuckDbTypeId.Boolean: _buffer.SetBit(row, value != 0); break;
            default: throw Mismatch(typeof(long));
        }
    }

    public void WriteUInt64(int row, ulong value)
    {
        if (_type.Id == DuckDbTypeId.UBigInt)
        {
            ((ulong*)_data)[row] = value;
            return;
        }

        WriteInt64(row, Checked<long>(value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteDouble(int row, double value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Double: ((double*)_data)[row] = value; break;
            case DuckDbTypeId.Float: ((float*)_data)[row] = (float)value; break;
            case DuckDbTypeId.Decimal: WriteDecimal(row, (decimal)value); break;
            default: throw Mismatch(typeof(double));
        }
    }

    public void WriteBoolean(int row, bool value)
    {
        if (_type.Id != DuckDbTypeId.Boolean)
        {
            throw Mismatch(typeof(bool));
        }

        _buffer.SetBit(row, value);
    }

    public void WriteDecimal(int row, decimal value)
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

    private void WriteUnscaled(int row, Int128 unscaled)
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

        // Arrow's decimal128, whatever DuckDB's own storage width.
        ((ulong*)_data)[row * 2] = (ulong)unscaled;
        ((long*)_data)[row * 2 + 1] = (long)(unscaled >> 64);
    }

    private void WriteHugeInt(int row, Int128 value) => WriteAscii(row, value.ToString(CultureInfo.InvariantCulture));

    public void WriteBigInteger(int row, BigInteger value)
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
    public void WriteString(int row, string value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Varchar:
                _buffer.WriteUtf8(row, value);
                break;
            case DuckDbTypeId.Uuid:
                WriteGuid(row, Guid.Parse(value));
                break;
            default:
                throw Mismatch(typeof(string));
        }
    }

    public void WriteBytes(int row, ReadOnlySpan<byte> value)
    {
        if (_type.Id is not (DuckDbTypeId.Blob or DuckDbTypeId.Varchar))
        {
            throw Mismatch(typeof(byte[]));
        }

        // DuckDB does not check the UTF-8 of scanned Arrow text, so a VARCHAR must get valid UTF-8 here.
        if (_type.Id == DuckDbTypeId.Varchar && !Utf8.IsValid(value))
        {
            throw new InvalidCastException($"Column {_name} is VARCHAR; the bytes appended to it are not valid UTF-8.");
        }

        _buffer.WriteBytes(row, value);
    }

    // Values that travel as text (see ArrowColumn) are plain ASCII.
    private void WriteAscii(int row, string text)
    {
        Span<byte> bytes = stackalloc byte[96];
        var length = Encoding.ASCII.GetBytes(text, bytes);
        _buffer.WriteBytes(row, bytes[..length]);
    }

    public void WriteDate(int row, DateOnly value)
    {
        switch (_type.Id)
        {
            case DuckDbTypeId.Date: ((int*)_data)[row] = Temporal.FromDate(value); break;
            case DuckDbTypeId.Timestamp: ((long*)_data)[row] = Temporal.FromDateTime(value.ToDateTime(TimeOnly.MinValue)); break;
            default: throw Mismatch(typeof(DateOnly));
        }
    }

    public void WriteDateTime(int row, DateTime value)
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

    public void WriteTime(int row, TimeOnly value)
    {
        if (_type.Id != DuckDbTypeId.Time)
        {
            throw Mismatch(typeof(TimeOnly));
        }

        ((long*)_data)[row] = value.Ticks / 10;
    }

    public void WriteInterval(int row, DuckDbInterval value)
    {
        if (_type.Id != DuckDbTypeId.Interval)
        {
            throw Mismatch(typeof(DuckDbInterval));
        }

        WriteAscii(row, string.Create(CultureInfo.InvariantCulture, $"{value.Months} months {value.Days} days {value.Microseconds} microseconds"));
    }

    public void WriteGuid(int row, Guid value)
    {
        if (_type.Id != DuckDbTypeId.Uuid)
        {
            throw Mismatch(typeof(Guid));
        }

        WriteAscii(row, value.ToString("D"));
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
