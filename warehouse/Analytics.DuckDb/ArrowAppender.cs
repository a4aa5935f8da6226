using System.Numerics;
using System.Runtime.CompilerServices;
using Analytics.DuckDb.Internal;
using Analytics.DuckDb.Internal.Appending;
using Analytics.DuckDb.Native;
using DuckDB.NET.Data;

namespace Analytics.DuckDb;

/// <summary>
/// Bulk insert into one table. Rows are written into batches of <see cref="BatchRows"/> rows in Arrow
/// memory; from the first full batch on, one <c>INSERT … SELECT</c> reads them as an Arrow stream on
/// every DuckDB thread while the next batch is filled, and Flush or Close ends it. Appended rows are
/// part of the connection's transaction: rolled back with it (without one, each stream commits on its
/// own). While a stream runs, the connection refuses other commands. Not thread-safe; one appender per
/// connection at a time.
/// </summary>
/// <example>
/// <code>
/// using var appender = connection.CreateAppender("payments");
/// appender.CreateRow().Append(1L).Append("岳阳街道").AppendNull().EndRow();
/// appender.Close();
/// </code>
/// </example>
public sealed class ArrowAppender : IDisposable
{
    /// <summary>Rows per batch: one DuckDB row group, the unit DuckDB writes best.</summary>
    public const int BatchRows = 122_880;

    // A batch of long texts goes before it is full, which bounds the memory of the batches.
    private const long BatchBytes = 64L << 20;

    private readonly DuckDBConnection _connection;
    private readonly ColumnWriter[] _writers;
    private readonly ArrowColumn[] _columns;
    private readonly AppendBatchPool _pool;
    private readonly ArrowAppenderRow _row;
    private readonly string _table;
    private readonly string _target;
    private readonly bool _hasVariable;
    private AppendBatch _batch;
    private AppendStream? _stream;
    private int _rowCount;
    private int _column;
    private bool _rowOpen;
    private bool _full;
    private bool _closed;

    internal ArrowAppender(DuckDBConnection connection, string? schema, string table)
    {
        _connection = connection;
        _table = schema is null ? table : $"{schema}.{table}";
        _target = schema is null ? QuoteName(table) : $"{QuoteName(schema)}.{QuoteName(table)}";
        var names = ReadColumnNames(connection, schema, table);
        var types = ReadColumnTypes(connection, schema, table);
        _writers = new ColumnWriter[types.Count];
        for (var i = 0; i < types.Count; i++)
        {
            _writers[i] = new ColumnWriter(i < names.Count ? names[i] : $"#{i + 1}", types[i]);
        }

        _columns = _writers.Select(w => w.Arrow).ToArray();
        _hasVariable = _columns.Any(c => c.Layout == ArrowLayout.Variable);
        _pool = new AppendBatchPool(_columns, BatchRows);
        _batch = _pool.Rent(consumer: null);
        _row = new ArrowAppenderRow(this);
        BindBatch();
    }

    /// <summary>Rows handed to DuckDB so far, including the rows waiting in the current batch.</summary>
    public long RowsAppended { get; private set; }

    /// <summary>Starts a row; call the row's Append methods once per column, then EndRow.</summary>
    public ArrowAppenderRow CreateRow()
    {
        CheckOpen();
        if (_rowOpen)
        {
            throw new InvalidOperationException($"The previous row of {_table} was not ended; call EndRow first.");
        }

        // A full batch whose hand-over was refused (the connection was busy) must go first.
        if (_full)
        {
            HandOver();
        }

        _rowOpen = true;
        _column = 0;
        return _row;
    }

    /// <summary>
    /// The writer of the open row's next column, its slot marked valid. Until <see cref="EndValue"/> the row counts
    /// as abandoned: a value that does not fit throws from its writer, and the caller can go on with CreateRow; the
    /// row's slot is reused by the next row. (No try/catch: it would cost every value of a bulk load.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ColumnWriter BeginValue()
    {
        if (!_rowOpen || _column >= _writers.Length)
        {
            ThrowNoColumn();
        }

        _rowOpen = false;
        var writer = _writers[_column++];
        // The slot may hold a NULL mark left by an abandoned row.
        writer.MarkValid(_rowCount);
        return writer;
    }

    /// <summary>The value <see cref="BeginValue"/> began is written: the row is whole again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EndValue() => _rowOpen = true;

    internal int CurrentRow => _rowCount;

    private void ThrowNoColumn()
    {
        if (!_rowOpen)
        {
            throw new InvalidOperationException("Call CreateRow before appending values.");
        }

        _rowOpen = false;
        throw new InvalidOperationException($"Too many values: table {_table} has {_writers.Length} columns.");
    }

    internal void EndRow()
    {
        // A row whose value failed was abandoned; ending it anyway would keep the half-written slot.
        if (!_rowOpen)
        {
            throw new InvalidOperationException($"No row of {_table} is open: call CreateRow first (a row with a value that failed is abandoned).");
        }

        if (_column != _writers.Length)
        {
            _rowOpen = false;
            throw new InvalidOperationException($"The row has {_column} values but table {_table} has {_writers.Length} columns.");
        }

        _rowOpen = false;
        _rowCount++;
        RowsAppended++;
        if (_rowCount == BatchRows || (_hasVariable && (_rowCount & 1023) == 0 && _batch.VariableBytes >= BatchBytes))
        {
            _full = true;
            HandOver();
        }
    }

    /// <summary>Writes every row appended so far into the table and ends the running stream.</summary>
    public void Flush()
    {
        CheckOpen();
        if (_rowCount > 0)
        {
            HandOver();
        }

        FinishStream();
    }

    /// <summary>Writes everything buffered and closes the appender; errors (e.g. constraint violations) surface here.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        // Checked first: if a reader is open, Close fails and the rows stay buffered for a retry.
        CheckOpen();
        if (_rowCount > 0)
        {
            HandOver();
        }

        try
        {
            FinishStream();
        }
        finally
        {
            ReleaseMemory();
        }
    }

    /// <summary>Closes the appender if Close was not called, so buffered rows are not lost silently.</summary>
    public void Dispose()
    {
        if (!_closed && IsSessionAlive)
        {
            Close();
            return;
        }

        // The connection closed: it abandoned the stream, and the buffered rows go with the session.
        _stream = null;
        ReleaseMemory();
    }

    /// <summary>
    /// Gives the filled batch to DuckDB, starting the stream if none runs. Starting claims the
    /// connection like a command: if a reader is open this throws InvalidOperationException and the
    /// rows stay buffered until a later call.
    /// </summary>
    private void HandOver()
    {
        if (_stream is null)
        {
            _stream = AppendStream.Start(_connection, _target, _columns, _pool);
        }

        if (!_stream.Publish(_batch, _rowCount))
        {
            // The INSERT stopped (a constraint failed, say): its error is the answer; these rows go with it.
            _rowCount = 0;
            _full = false;
            _batch.Reset();
            FinishStream();
            return;
        }

        _batch = _pool.Rent(_stream.Consumer);
        _rowCount = 0;
        _full = false;
        BindBatch();
    }

    private void FinishStream()
    {
        if (_stream is not { } stream)
        {
            return;
        }

        _stream = null;
        if (stream.Finish() is { } error)
        {
            throw ThrowHelper.DuckDb(error);
        }
    }

    private void ReleaseMemory()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _pool.Return(_batch);
        _pool.Dispose();
    }

    private void BindBatch()
    {
        for (var i = 0; i < _writers.Length; i++)
        {
            _writers[i].Bind(_batch.Columns[i]);
        }
    }

    /// <summary>True while the connection is open.</summary>
    private bool IsSessionAlive => _connection.State == System.Data.ConnectionState.Open;

    private void CheckOpen()
    {
        if (_closed)
        {
            throw new ObjectDisposedException(nameof(ArrowAppender), $"The appender for {_table} is closed.");
        }

        if (!IsSessionAlive)
        {
            throw new ObjectDisposedException(nameof(ArrowAppender), $"The appender for {_table} belongs to a connection that was closed.");
        }
    }

    private static string QuoteName(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The table's column types, as DuckDB's own appender sees them (which also checks that the table exists).</summary>
    private static List<ColumnType> ReadColumnTypes(DuckDBConnection connection, string? schema, string table)
    {
        using var handle = new AppenderHandle();
        var state = NativeMethods.AppenderCreate(connection.NativeConnection, null, schema, table, out var pointer);
        handle.Adopt(pointer);
        if (state != DuckDbState.Success)
        {
            var error = handle.IsInvalid ? null : NativeMethods.ReadString(NativeMethods.AppenderError(handle));
            throw ThrowHelper.DuckDb(error ?? $"DuckDB could not create an appender for table {(schema is null ? table : $"{schema}.{table}")}.");
        }

        var count = (int)NativeMethods.AppenderColumnCount(handle);
        var types = new List<ColumnType>(count);
        for (var i = 0; i < count; i++)
        {
            using var type = LogicalTypeHandle.FromPointer(NativeMethods.AppenderColumnType(handle, (ulong)i));
            types.Add(ColumnType.Read(type));
        }

        return types;
    }

    private static List<string> ReadColumnNames(DuckDBConnection connection, string? schema, string table)
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

