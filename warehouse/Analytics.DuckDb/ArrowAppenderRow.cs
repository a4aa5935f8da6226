using System.Numerics;
using System.Runtime.CompilerServices;
using Analytics.DuckDb.Internal;
using Analytics.DuckDb.Internal.Appending;
using Analytics.DuckDb.Native;
using DuckDB.NET.Data;

namespace Analytics.DuckDb;

/// <summary>The row being appended; each Append writes the next column.</summary>
public sealed class ArrowAppenderRow
{
    private readonly ArrowAppender _appender;

    internal ArrowAppenderRow(ArrowAppender appender)
    {
        _appender = appender;
    }

    public ArrowAppenderRow AppendNull()
    {
        _appender.BeginValue().WriteNull(_appender.CurrentRow);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(long value)
    {
        _appender.BeginValue().WriteInt64(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(int value) => Append((long)value);
    public ArrowAppenderRow Append(short value) => Append((long)value);
    public ArrowAppenderRow Append(sbyte value) => Append((long)value);
    public ArrowAppenderRow Append(byte value) => Append((long)value);
    public ArrowAppenderRow Append(ushort value) => Append((long)value);
    public ArrowAppenderRow Append(uint value) => Append((long)value);

    public ArrowAppenderRow Append(ulong value)
    {
        _appender.BeginValue().WriteUInt64(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(BigInteger value)
    {
        _appender.BeginValue().WriteBigInteger(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(double value)
    {
        _appender.BeginValue().WriteDouble(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(float value) => Append((double)value);

    public ArrowAppenderRow Append(bool value)
    {
        _appender.BeginValue().WriteBoolean(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(decimal value)
    {
        _appender.BeginValue().WriteDecimal(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(string? value)
    {
        if (value is null)
        {
            return AppendNull();
        }

        _appender.BeginValue().WriteString(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(byte[]? value)
    {
        if (value is null)
        {
            return AppendNull();
        }

        _appender.BeginValue().WriteBytes(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(DateOnly value)
    {
        _appender.BeginValue().WriteDate(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(DateTime value)
    {
        _appender.BeginValue().WriteDateTime(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(TimeOnly value)
    {
        _appender.BeginValue().WriteTime(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(DuckDbInterval value)
    {
        _appender.BeginValue().WriteInterval(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    public ArrowAppenderRow Append(Guid value)
    {
        _appender.BeginValue().WriteGuid(_appender.CurrentRow, value);
        _appender.EndValue();
        return this;
    }

    /// <summary>Appends a value of any supported type; null and DBNull append NULL.</summary>
    public ArrowAppenderRow AppendValue(object? value) => value switch
    {
        null or DBNull => AppendNull(),
        long v => Append(v),
        int v => Append(v),
        short v => Append(v),
        sbyte v => Append(v),
        byte v => Append(v),
        ushort v => Append(v),
        uint v => Append(v),
        ulong v => Append(v),
        BigInteger v => Append(v),
        double v => Append(v),
        float v => Append(v),
        bool v => Append(v),
        decimal v => Append(v),
        string v => Append(v),
        byte[] v => Append(v),
        DateOnly v => Append(v),
        DateTime v => Append(v),
        TimeOnly v => Append(v),
        DuckDbInterval v => Append(v),
        TimeSpan v => Append(DuckDbInterval.FromTimeSpan(v)),
        Guid v => Append(v),
        _ => throw new NotSupportedException($"The appender cannot write a {value.GetType().Name}."),
    };

    /// <summary>Finishes the row; every column must have had a value.</summary>
    public void EndRow() => _appender.EndRow();
}
