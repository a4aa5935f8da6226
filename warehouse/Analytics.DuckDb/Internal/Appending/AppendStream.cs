using System.Globalization;
using System.Runtime.InteropServices;
using Analytics.DuckDb.Native;
using DuckDB.NET.Native;
using NativeMethods = Analytics.DuckDb.Native.NativeMethods;

namespace Analytics.DuckDb.Internal.Appending;

/// <summary>
/// One streaming <c>INSERT INTO table SELECT … FROM arrow_scan</c> fed by an appender. The INSERT runs
/// on a thread of its own, so DuckDB inserts on all its threads, in order (each batch has its own
/// batch index), while the caller fills the next batch. The scan is a view that duckdb_arrow_scan
/// creates in the database; it is created and dropped inside one transaction, so no trace of it is
/// ever committed.
/// </summary>
internal sealed unsafe class AppendStream
{
    private static long _counter;

    private readonly object _gate = new();
    private readonly Queue<(AppendBatch Batch, int Rows)> _ready = new();
    private readonly DuckDBNativeConnection _handle;
    private readonly AppendBatchPool _pool;
    private readonly string _view;
    private readonly bool _ownsTransaction;
    private readonly ArrowArrayStream* _stream;
    private readonly ArrowSchema* _schema;
    private readonly ArrowSchema* _columns;
    private readonly ArrowSchema** _children;
    private readonly IntPtr[] _strings;
    private readonly IntPtr _abandonedMessage;
    private readonly GCHandle _self;
    private Task<NativeError?>? _insert;
    private bool _ended;
    private bool _abandoned;
    private bool _done;

    private AppendStream(DuckDBNativeConnection handle, string target, IReadOnlyList<ArrowColumn> columns, AppendBatchPool pool, bool ownsTransaction)
    {
        _handle = handle;
        _pool = pool;
        Target = target;
        _ownsTransaction = ownsTransaction;
        _view = string.Create(CultureInfo.InvariantCulture, $"duckdb_appender_stream_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}");
        var count = columns.Count;
        _strings = new IntPtr[2 * count + 2];
        _strings[0] = Marshal.StringToCoTaskMemUTF8("+s");
        _strings[1] = Marshal.StringToCoTaskMemUTF8("");
        _schema = (ArrowSchema*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowSchema));
        _columns = (ArrowSchema*)NativeMemory.AllocZeroed((nuint)(sizeof(ArrowSchema) * count));
        _children = (ArrowSchema**)NativeMemory.AllocZeroed((nuint)(sizeof(ArrowSchema*) * count));
        for (var i = 0; i < count; i++)
        {
            _strings[2 + 2 * i] = Marshal.StringToCoTaskMemUTF8(columns[i].Format);
            _strings[3 + 2 * i] = Marshal.StringToCoTaskMemUTF8(ColumnName(i));
            var column = _columns + i;
            column->Format = (byte*)_strings[2 + 2 * i];
            column->Name = (byte*)_strings[3 + 2 * i];
            column->Flags = 2; // ARROW_FLAG_NULLABLE
            column->Release = &KeepSchema;
            _children[i] = column;
        }

        _schema->Format = (byte*)_strings[0];
        _schema->Name = (byte*)_strings[1];
        _schema->ChildCount = count;
        _schema->Children = _children;
        _schema->Release = &KeepSchema;
        _abandonedMessage = Marshal.StringToCoTaskMemUTF8("The appender's connection closed before its rows were written.");
        _self = GCHandle.Alloc(this);
        _stream = (ArrowArrayStream*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowArrayStream));
        _stream->GetSchema = &GetSchema;
        _stream->GetNext = &GetNext;
        _stream->GetLastError = &GetLastError;
        _stream->Release = &ReleaseStream;
        _stream->PrivateData = (void*)GCHandle.ToIntPtr(_self);
    }

    /// <summary>The table the rows go into, as SQL.</summary>
    public string Target { get; }

    /// <summary>The running INSERT; completed when it has read the end of the stream or failed.</summary>
    public Task? Consumer => _insert;

    /// <summary>
    /// Starts the INSERT, inside the connection's transaction if one is open, else in one of its own.
    /// </summary>
    public static AppendStream Start(DuckDB.NET.Data.DuckDBConnection connection, string target, IReadOnlyList<ArrowColumn> columns, AppendBatchPool pool)
    {
        var handle = connection.NativeConnection;
        var owns = NativeQuery.BeginUnlessInTransaction(connection);
        var stream = new AppendStream(handle, target, columns, pool, owns);
        try
        {
            stream.Open(columns);
            return stream;
        }
        catch
        {
            stream.Release();
            if (owns)
            {
                NativeQuery.TryQuery(handle, "ROLLBACK");
            }

            throw;
        }
    }

    private void Open(IReadOnlyList<ArrowColumn> columns)
    {
        if (NativeMethods.ArrowScan(_handle, _view, _stream) != DuckDbState.Success)
        {
            // duckdb_arrow_scan keeps DuckDB's reason to itself; the same view over a constant gives it.
            var reason = NativeQuery.TryQuery(_handle, $"CREATE VIEW {_view} AS SELECT 1");
            if (reason is null)
            {
                NativeQuery.TryQuery(_handle, $"DROP VIEW IF EXISTS {_view}");
            }

            throw ThrowHelper.DuckDb(reason ?? new NativeError($"DuckDB could not start writing the appender's rows into {Target}.", DuckDBErrorType.Invalid));
        }

        var select = string.Join(", ", columns.Select((c, i) => c.SelectExpression(ColumnName(i))));
        var sql = $"INSERT INTO {Target} SELECT {select} FROM {_view}";
        _insert = Task.Factory.StartNew(() => NativeQuery.TryQuery(_handle, sql), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Queues a filled batch for DuckDB; false when the INSERT has already stopped (it failed).</summary>
    public bool Publish(AppendBatch batch, int rows)
    {
        lock (_gate)
        {
            if (_insert!.IsCompleted)
            {
                return false;
            }

            _ready.Enqueue((batch, rows));
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Ends the stream and waits for the INSERT; returns DuckDB's error, or null when every row is in.</summary>
    public NativeError? Finish()
    {
        lock (_gate)
        {
            _ended = true;
            Monitor.PulseAll(_gate);
        }

        try
        {
            var error = _insert!.GetAwaiter().GetResult();
            if (error is null)
            {
                error = NativeQuery.TryQuery(_handle, $"DROP VIEW {_view}");
                if (error is null && _ownsTransaction)
                {
                    return NativeQuery.TryQuery(_handle, "COMMIT");
                }
            }

            if (_ownsTransaction)
            {
                NativeQuery.TryQuery(_handle, "ROLLBACK");
            }

            return error;
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Fails the INSERT (DuckDB's next read of the stream gets an error) and rolls back what this stream began.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
            Monitor.PulseAll(_gate);
        }

        try
        {
            _insert?.GetAwaiter().GetResult();
            if (_ownsTransaction)
            {
                NativeQuery.TryQuery(_handle, "ROLLBACK");
            }
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (_done)
        {
            return;
        }

        _done = true;

        // Batches queued but never read (the INSERT failed or was abandoned first) go back to be filled again.
        lock (_gate)
        {
            while (_ready.TryDequeue(out var unread))
            {
                _pool.Return(unread.Batch);
            }
        }

        NativeMemory.Free(_stream);
        NativeMemory.Free(_schema);
        NativeMemory.Free(_columns);
        NativeMemory.Free(_children);
        foreach (var text in _strings)
        {
            Marshal.FreeCoTaskMem(text);
        }

        Marshal.FreeCoTaskMem(_abandonedMessage);
        _self.Free();
    }

    private static string ColumnName(int index) => string.Create(CultureInfo.InvariantCulture, $"c{index}");

    private static AppendStream From(ArrowArrayStream* stream) => (AppendStream)GCHandle.FromIntPtr((IntPtr)stream->PrivateData).Target!;

    [UnmanagedCallersOnly]
    private static int GetSchema(ArrowArrayStream* stream, ArrowSchema* schema)
    {
        try
        {
            *schema = *From(stream)._schema;
            schema->Release = &ReleaseSchemaCopy;
            return 0;
        }
        catch
        {
            return 5; // EIO
        }
    }

    [UnmanagedCallersOnly]
    private static int GetNext(ArrowArrayStream* stream, ArrowArray* array)
    {
        try
        {
            var self = From(stream);
            lock (self._gate)
            {
                while (self._ready.Count == 0 && !self._ended && !self._abandoned)
                {
                    Monitor.Wait(self._gate);
                }

                if (self._abandoned)
                {
                    return 5;
                }

                if (self._ready.TryDequeue(out var next))
                {
                    next.Batch.Export(array, next.Rows);
                }
                else
                {
                    array->Release = null; // the end of the stream
                }

                return 0;
            }
        }
        catch
        {
            return 5;
        }
    }

    [UnmanagedCallersOnly]
    private static byte* GetLastError(ArrowArrayStream* stream)
    {
        try
        {
            return (byte*)From(stream)._abandonedMessage;
        }
        catch
        {
            return null;
        }
    }

    // DuckDB copies the stream struct and never releases ours; the appender frees it after the INSERT.
    [UnmanagedCallersOnly]
    private static void ReleaseStream(ArrowArrayStream* stream) => stream->Release = null;

    [UnmanagedCallersOnly]
    private static void ReleaseSchemaCopy(ArrowSchema* schema) => schema->Release = null;

    // The schema structs belong to the stream, which frees them itself.
    [UnmanagedCallersOnly]
    private static void KeepSchema(ArrowSchema* schema)
    {
    }
}
