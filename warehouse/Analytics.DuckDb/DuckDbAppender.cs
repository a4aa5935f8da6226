using System.Numerics;
using Analytics.DuckDb.Internal;
using Analytics.DuckDb.Internal.Appending;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb;

/// <summary>
/// Bulk insert into one table. Rows are written straight into a DuckDB data chunk of 2048 rows,
/// which is handed to the native appender when full. Appended rows are part of the connection's
/// transaction: rolled back with it. Not thread-safe; one appender per connection at a time.
/// </summary>
/// <example>
/// <code>
/// using var appender = connection.CreateAppender("payments");
/// appender.CreateRow().Append(1L).Append("岳阳街道").AppendNull().EndRow();
/// appender.Close();
/// </code>
/// </example>
public sealed class DuckDbAppender : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly AppenderHandle _handle = new();
    private readonly DataChunkHandle _chunk = new();
    private readonly ColumnWriter[] _writers;
    private readonly ulong _capacity;
    private readonly DuckDbAppenderRow _row;
    private readonly string _table;
    private readonly long _generation;
    private ulong _rowCount;
    private int _column;
    private bool _rowOpen;
    private bool _closed;

    internal DuckDbAppender(DuckDbConnection connection, string? schema, string table)
    {
        _connection = connection;
        _table = schema is null ? table : $"{schema}.{table}";
        _generation = connection.Generation;
        var names = ReadColumnNames(connection, schema, table);
        var native = connection.NativeHandle;
        var state = NativeMethods.AppenderCreate(native, null, schema, table, out var pointer);
        _handle.Adopt(pointer);
        if (state != DuckDbState.Success)
        {
            var error = _handle.IsInvalid ? null : NativeMethods.ReadString(NativeMethods.AppenderError(_handle));
            _handle.Dispose();
            ThrowHelper.ThrowDuckDb(error, $"DuckDB could not create an appender for table {_table}.");
        }

        var count = (int)NativeMethods.AppenderColumnCount(_handle);
        _writers = new ColumnWriter[count];
        var types = new IntPtr[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                types[i] = NativeMethods.AppenderColumnType(_handle, (ulong)i);
                // The chunk is created from these types below; they are destroyed in the finally block.
                var borrowed = LogicalTypeHandle.FromPointer(types[i]);
                var type = ColumnType.Read(borrowed);
                borrowed.SetHandleAsInvalid();
                _writers[i] = new ColumnWriter(i < names.Count ? names[i] : $"#{i + 1}", type);
            }

            _chunk.Adopt(NativeMethods.CreateDataChunk(types, (ulong)count));
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (types[i] != IntPtr.Zero)
                {
                    NativeMethods.DestroyLogicalType(ref types[i]);
                }
            }
        }

        _capacity = NativeMethods.VectorSize();
        _row = new DuckDbAppenderRow(this);
        BindChunk();
    }

    /// <summary>Rows handed to DuckDB so far, including the rows waiting in the current chunk.</summary>
    public long RowsAppended { get; private set; }

    /// <summary>Starts a row; call the row's Append methods once per column, then EndRow.</summary>
    public DuckDbAppenderRow CreateRow()
    {
        CheckOpen();
        if (_rowOpen)
        {
            throw new InvalidOperationException($"The previous row of {_table} was not ended; call EndRow first.");
        }

        // A full chunk whose hand-over was refused (the connection was busy) must go first.
        if (_rowCount == _capacity)
        {
            AppendChunk();
        }

        _rowOpen = true;
        _column = 0;
        return _row;
    }

    internal ColumnWriter NextColumn()
    {
        if (!_rowOpen)
        {
            throw new InvalidOperationException("Call CreateRow before appending values.");
        }

        if (_column >= _writers.Length)
        {
            _rowOpen = false;
            throw new InvalidOperationException($"Too many values: table {_table} has {_writers.Length} columns.");
        }

        return _writers[_column++];
    }

    internal ulong CurrentRow => _rowCount;

    /// <summary>
    /// Writes the next column of the open row. A value that does not fit abandons the whole row, so
    /// the caller can catch the error and go on with CreateRow; the row's slot is reused by the next row.
    /// </summary>
    internal void Write<T>(T value, ColumnWrite<T> write)
    {
        var writer = NextColumn();
        try
        {
            // The slot may hold a NULL mark left by an abandoned row.
            writer.MarkValid(_rowCount);
            write(writer, _rowCount, value);
        }
        catch
        {
            _rowOpen = false;
            throw;
        }
    }

    internal void EndRow()
    {
        if (_column != _writers.Length)
        {
            _rowOpen = false;
            throw new InvalidOperationException($"The row has {_column} values but table {_table} has {_writers.Length} columns.");
        }

        _rowOpen = false;
        _rowCount++;
        RowsAppended++;
        if (_rowCount == _capacity)
        {
            AppendChunk();
        }
    }

    /// <summary>Hands the buffered rows to DuckDB and flushes DuckDB's appender into the table.</summary>
    public void Flush()
    {
        CheckOpen();
        _connection.BeginCommand();
        try
        {
            AppendChunkCore();
            Check(NativeMethods.AppenderFlush(_handle), "flush");
        }
        finally
        {
            _connection.EndCommand();
        }
    }

    /// <summary>Writes everything buffered and closes the appender; errors (e.g. constraint violations) surface here.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        // Checked before the try: if a reader is open, Close fails and the rows stay buffered for a retry.
        CheckOpen();
        _connection.BeginCommand();
        try
        {
            AppendChunkCore();
            Check(NativeMethods.AppenderClose(_handle), "close");
        }
        finally
        {
            _connection.EndCommand();
            _closed = true;
            _chunk.Dispose();
            _handle.Dispose();
        }
    }

    /// <summary>Closes the appender if Close was not called, so buffered rows are not lost silently.</summary>
    public void Dispose()
    {
        if (!_closed && IsSessionAlive)
        {
            Close();
        }
        else
        {
            _closed = true;
            _chunk.Dispose();
            _handle.Dispose();
        }
    }

    /// <summary>
    /// Hands a full chunk to DuckDB. Appending while a reader streams on the same connection would
    /// abort the reader's query inside DuckDB, so the connection is claimed like a command: if it is
    /// busy this throws InvalidOperationException and the rows stay buffered until a later call.
    /// </summary>
    private void AppendChunk()
    {
        if (_rowCount == 0)
        {
            return;
        }

        _connection.BeginCommand();
        try
        {
            AppendChunkCore();
        }
        finally
        {
            _connection.EndCommand();
        }
    }

    private void AppendChunkCore()
    {
        if (_rowCount == 0)
        {
            return;
        }

        NativeMethods.DataChunkSetSize(_chunk.DangerousGetHandle(), _rowCount);
        var state = NativeMethods.AppendDataChunk(_handle, _chunk);
        NativeMethods.DataChunkReset(_chunk.DangerousGetHandle());
        _rowCount = 0;
        BindChunk();
        Check(state, "append rows");
    }

    private void BindChunk()
    {
        var chunk = _chunk.DangerousGetHandle();
        for (var i = 0; i < _writers.Length; i++)
        {
            _writers[i].Bind(NativeMethods.DataChunkGetVector(chunk, (ulong)i));
        }
    }

    private void Check(DuckDbState state, string what)
    {
        if (state != DuckDbState.Success)
        {
            var error = NativeMethods.ReadString(NativeMethods.AppenderError(_handle));
            ThrowHelper.ThrowDuckDb(error, $"DuckDB could not {what} for table {_table}.");
        }
    }

    /// <summary>True while the connection is open in the session this appender was created in.</summary>
    private bool IsSessionAlive =>
        _connection.State == System.Data.ConnectionState.Open && _connection.Generation == _generation;

    private void CheckOpen()
    {
        if (_closed)
        {
            throw new ObjectDisposedException(nameof(DuckDbAppender), $"The appender for {_table} is closed.");
        }

        _ = _connection.NativeHandle;

        // The native appender belongs to the native connection it was created on; after Close and
        // Open the connection has a new one, and writing through the old would bypass it.
        if (_connection.Generation != _generation)
        {
            throw new ObjectDisposedException(nameof(DuckDbAppender), $"The appender for {_table} belongs to a connection session that was closed.");
        }
    }

    private static List<string> ReadColumnNames(DuckDbConnection connection, string? schema, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND schema_name = coalesce($2, current_schema()) ORDER BY column_index";
        command.Parameters.AddValue(table);
        command.Parameters.AddValue(schema);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

/// <summary>Writes one value of type <typeparamref name="T"/> into a column at a row.</summary>
internal delegate void ColumnWrite<in T>(ColumnWriter writer, ulong row, T value);

/// <summary>The row being appended; each Append writes the next column.</summary>
public sealed class DuckDbAppenderRow
{
    private readonly DuckDbAppender _appender;

    internal DuckDbAppenderRow(DuckDbAppender appender)
    {
        _appender = appender;
    }

    public DuckDbAppenderRow AppendNull()
    {
        _appender.NextColumn().WriteNull(_appender.CurrentRow);
        return this;
    }

    public DuckDbAppenderRow Append(long value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteInt64(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(int value) => Append((long)value);
    public DuckDbAppenderRow Append(short value) => Append((long)value);
    public DuckDbAppenderRow Append(sbyte value) => Append((long)value);
    public DuckDbAppenderRow Append(byte value) => Append((long)value);
    public DuckDbAppenderRow Append(ushort value) => Append((long)value);
    public DuckDbAppenderRow Append(uint value) => Append((long)value);

    public DuckDbAppenderRow Append(ulong value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteUInt64(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(BigInteger value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteBigInteger(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(double value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteDouble(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(float value) => Append((double)value);

    public DuckDbAppenderRow Append(bool value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteBoolean(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(decimal value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteDecimal(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(string? value)
    {
        if (value is null)
        {
            return AppendNull();
        }

        _appender.Write(value, static (w, row, v) => w.WriteString(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(byte[]? value)
    {
        if (value is null)
        {
            return AppendNull();
        }

        _appender.Write(value, static (w, row, v) => w.WriteBytes(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(DateOnly value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteDate(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(DateTime value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteDateTime(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(TimeOnly value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteTime(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(DuckDbInterval value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteInterval(row, v));
        return this;
    }

    public DuckDbAppenderRow Append(Guid value)
    {
        _appender.Write(value, static (w, row, v) => w.WriteGuid(row, v));
        return this;
    }

    /// <summary>Appends a value of any supported type; null and DBNull append NULL.</summary>
    public DuckDbAppenderRow AppendValue(object? value) => value switch
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
