using System.Collections;
using System.Data;
using System.Data.Common;
using Analytics.DuckDb.Internal;
using Analytics.DuckDb.Internal.Vectors;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb;

/// <summary>
/// Streams a result chunk by chunk (at most 2048 rows in memory at a time), reading values straight
/// from DuckDB's vectors. Forward-only; one open reader per connection.
/// </summary>
public sealed partial class DuckDbDataReader : DbDataReader
{
    private readonly DuckDbConnection _connection;
    private readonly ResultHandle _result;
    private readonly InterruptScope _scope;
    private readonly CommandBehavior _behavior;
    private readonly string[] _names;
    private readonly ColumnType[] _types;
    private readonly VectorReader[] _readers;
    private DataChunkHandle? _chunk;
    private ulong _chunkSize;
    private ulong _row;
    private bool _started;
    private bool _finished;
    private bool _closed;

    internal DuckDbDataReader(DuckDbConnection connection, ResultHandle result, InterruptScope scope, CommandBehavior behavior)
    {
        _connection = connection;
        _result = result;
        _scope = scope;
        _behavior = behavior;
        var pointer = result.DangerousGetHandle();
        var count = (int)NativeMethods.ColumnCount(pointer);
        _names = new string[count];
        _types = new ColumnType[count];
        _readers = new VectorReader[count];
        for (var i = 0; i < count; i++)
        {
            _names[i] = NativeMethods.ReadString(NativeMethods.ColumnName(pointer, (ulong)i)) ?? string.Empty;
            using var type = LogicalTypeHandle.FromPointer(NativeMethods.ColumnLogicalType(pointer, (ulong)i));
            _types[i] = ColumnType.Read(type);
            _readers[i] = VectorReaderFactory.Create(_types[i]);
        }

        RecordsAffected = NativeMethods.ResultReturnType(result.Value) == DuckDbResultType.ChangedRows
            ? (int)NativeMethods.RowsChanged(pointer)
            : -1;
        connection.RegisterReader(this);

        // Fetch the first chunk now so that HasRows is known and execution errors surface here.
        try
        {
            FetchChunk();
        }
        catch
        {
            Close();
            throw;
        }
    }

    public override int FieldCount => _names.Length;
    public override int RecordsAffected { get; }
    public override bool HasRows => _chunkSize > 0;
    public override bool IsClosed => _closed;
    public override int Depth => 0;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read()
    {
        CheckOpen();
        if (_finished)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
        }
        else
        {
            _row++;
        }

        while (_row >= _chunkSize)
        {
            if (!FetchChunk())
            {
                return false;
            }
        }

        return true;
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read());
    }

    private bool FetchChunk()
    {
        _chunk?.Dispose();
        _chunk = null;
        _chunkSize = 0;
        _row = 0;

        // DuckDB does not always stop a streaming result that is interrupted between fetches, so
        // a cancelled or timed-out reader stops here at the next chunk boundary.
        if (_scope.Interrupted)
        {
            _finished = true;
            _scope.ThrowIfInterrupted();
        }

        var pointer = NativeMethods.FetchChunk(_result.Value);
        if (pointer == IntPtr.Zero)
        {
            var error = NativeMethods.ReadString(NativeMethods.ResultError(_result.DangerousGetHandle()));
            _finished = true;
            _scope.ThrowIfInterrupted(error is null ? null : new DuckDbException(error));
            if (error is not null)
            {
                throw new DuckDbException(error);
            }

            return false;
        }

        _chunk = new DataChunkHandle();
        _chunk.Adopt(pointer);
        _chunkSize = NativeMethods.DataChunkGetSize(pointer);
        if (_chunkSize == 0)
        {
            _finished = true;
            return false;
        }

        for (var i = 0; i < _readers.Length; i++)
        {
            _readers[i].Bind(NativeMethods.DataChunkGetVector(pointer, (ulong)i));
        }

        return true;
    }

    public override bool NextResult() => false;

    public override string GetName(int ordinal) => _names[CheckOrdinal(ordinal)];

    public override int GetOrdinal(string name)
    {
        var index = Array.IndexOf(_names, name);
        if (index < 0)
        {
            index = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        }

        return index >= 0 ? index : throw new IndexOutOfRangeException($"The result has no column named '{name}'.");
    }

    public override string GetDataTypeName(int ordinal) => _types[CheckOrdinal(ordinal)].SqlName;
    public override Type GetFieldType(int ordinal) => _types[CheckOrdinal(ordinal)].ClrType;

    public override bool IsDBNull(int ordinal) => Current(ordinal).IsNull(_row);

    public override object GetValue(int ordinal)
    {
        var reader = Current(ordinal);
        return reader.IsNull(_row) ? DBNull.Value : reader.GetValue(_row);
    }

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override bool GetBoolean(int ordinal) => NotNull(ordinal).GetBoolean(_row);
    public override byte GetByte(int ordinal) => NotNull(ordinal).GetByte(_row);
    public override short GetInt16(int ordinal) => NotNull(ordinal).GetInt16(_row);
    public override int GetInt32(int ordinal) => NotNull(ordinal).GetInt32(_row);
    public override long GetInt64(int ordinal) => NotNull(ordinal).GetInt64(_row);
    public override float GetFloat(int ordinal) => NotNull(ordinal).GetFloat(_row);
    public override double GetDouble(int ordinal) => NotNull(ordinal).GetDouble(_row);
    public override decimal GetDecimal(int ordinal) => NotNull(ordinal).GetDecimal(_row);
    public override DateTime GetDateTime(int ordinal) => NotNull(ordinal).GetDateTime(_row);
    public override string GetString(int ordinal) => NotNull(ordinal).GetString(_row);
    public override Guid GetGuid(int ordinal) => NotNull(ordinal).GetGuid(_row);
    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override T GetFieldValue<T>(int ordinal)
    {
        var value = GetValue(ordinal);
        if (value is DBNull)
        {
            if (default(T) is null)
            {
                return default!;
            }

            throw new InvalidCastException($"Column '{GetName(ordinal)}' is NULL and cannot be read as {typeof(T).Name}.");
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return target switch
        {
            _ when target == typeof(long) => (T)(object)GetInt64(ordinal),
            _ when target == typeof(int) => (T)(object)GetInt32(ordinal),
            _ when target == typeof(double) => (T)(object)GetDouble(ordinal),
            _ when target == typeof(decimal) => (T)(object)GetDecimal(ordinal),
            _ when target == typeof(DateTime) => (T)(object)GetDateTime(ordinal),
            _ when target == typeof(string) => (T)(object)Current(ordinal).GetText(_row),
            _ when target == typeof(TimeSpan) && value is DuckDbInterval interval => (T)(object)interval.ToTimeSpan(),
            _ => (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// At most <paramref name="maxBytes"/> UTF-8 bytes of the column's text form (as <c>GetFieldValue&lt;string&gt;</c>
    /// gives it, never cutting a character), and in <paramref name="byteCount"/> the byte count of the whole text form.
    /// A VARCHAR is decoded only as far as the budget, so a huge value costs no .NET memory; other types are formatted
    /// whole first. NULL throws as <c>GetString</c> does.
    /// </summary>
    public string GetTextPrefix(int ordinal, int maxBytes, out long byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        return NotNull(ordinal).GetTextPrefix(_row, maxBytes, out byteCount);
    }

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = (byte[])GetValue(ordinal);
        if (buffer is null)
        {
            return bytes.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    public override void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _chunk?.Dispose();
        _result.Dispose();
        _scope.Dispose();
        _connection.UnregisterReader(this);
        _connection.EndCommand();
        if ((_behavior & CommandBehavior.CloseConnection) != 0)
        {
            _connection.Close();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private VectorReader Current(int ordinal)
    {
        CheckOpen();
        if (!_started || _finished || _chunk is null)
        {
            throw new InvalidOperationException("No current row: call Read() first and check that it returned true.");
        }

        return _readers[CheckOrdinal(ordinal)];
    }

    private VectorReader NotNull(int ordinal)
    {
        var reader = Current(ordinal);
        if (reader.IsNull(_row))
        {
            throw new InvalidCastException($"Column '{_names[ordinal]}' is NULL; check IsDBNull first.");
        }

        return reader;
    }

    private int CheckOrdinal(int ordinal)
    {
        if ((uint)ordinal >= (uint)_names.Length)
        {
            throw new IndexOutOfRangeException($"Column ordinal {ordinal} is out of range (the result has {_names.Length} columns).");
        }

        return ordinal;
    }

    private void CheckOpen()
    {
        if (_closed)
        {
            throw new InvalidOperationException("The data reader is closed.");
        }
    }
}
