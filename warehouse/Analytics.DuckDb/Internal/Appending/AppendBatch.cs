using System.Runtime.InteropServices;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Appending;

/// <summary>
/// Up to <see cref="Capacity"/> appended rows in Arrow memory, handed to DuckDB as one ArrowArray (a
/// struct whose children are the columns). DuckDB calls the array's release callback when it is done
/// with the memory; the batch then goes back to its pool to be filled again.
/// </summary>
internal sealed unsafe class AppendBatch : IDisposable
{
    private readonly ArrowArray* _row;
    private readonly ArrowArray* _columns;
    private readonly ArrowArray** _children;
    private readonly void** _buffers;
    private readonly void** _rowBuffers;
    private readonly GCHandle _self;
    private readonly AppendBatchPool _pool;
    private bool _disposed;

    public AppendBatch(AppendBatchPool pool, IReadOnlyList<ArrowColumn> columns, int capacity)
    {
        _pool = pool;
        Capacity = capacity;
        Columns = columns.Select(c => new ColumnBuffer(c.Layout, c.Width, capacity)).ToArray();
        var count = Columns.Length;
        _row = (ArrowArray*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowArray));
        _columns = (ArrowArray*)NativeMemory.AllocZeroed((nuint)(sizeof(ArrowArray) * count));
        _children = (ArrowArray**)NativeMemory.AllocZeroed((nuint)(sizeof(ArrowArray*) * count));
        _buffers = (void**)NativeMemory.AllocZeroed((nuint)(sizeof(void*) * 3 * count));
        _rowBuffers = (void**)NativeMemory.AllocZeroed((nuint)sizeof(void*));
        for (var i = 0; i < count; i++)
        {
            _children[i] = _columns + i;
        }

        _self = GCHandle.Alloc(this);
    }

    public int Capacity { get; }

    public ColumnBuffer[] Columns { get; }

    /// <summary>Bytes of text and blobs in the batch, so a batch of long values can be handed over before it is full.</summary>
    public long VariableBytes
    {
        get
        {
            long total = 0;
            foreach (var column in Columns)
            {
                total += column.ByteCount;
            }

            return total;
        }
    }

    /// <summary>Fills <paramref name="target"/> with an ArrowArray of the first <paramref name="rows"/> rows.</summary>
    public void Export(ArrowArray* target, int rows)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i].Export(_columns + i, _buffers + 3 * i, rows);
            _columns[i].Release = &ReleaseColumn;
        }

        _row->Length = rows;
        _row->NullCount = 0;
        _row->Offset = 0;
        _row->BufferCount = 1;
        _row->Buffers = _rowBuffers;
        _row->ChildCount = Columns.Length;
        _row->Children = _children;
        _row->Dictionary = null;
        _row->Release = &ReleaseRow;
        _row->PrivateData = (void*)GCHandle.ToIntPtr(_self);
        *target = *_row;
    }

    public void Reset()
    {
        foreach (var column in Columns)
        {
            column.Reset();
        }
    }

    // The consumer releases the row struct; the column structs inside it are ours and need nothing.
    [UnmanagedCallersOnly]
    private static void ReleaseRow(ArrowArray* array)
    {
        var batch = (AppendBatch)GCHandle.FromIntPtr((IntPtr)array->PrivateData).Target!;
        array->Release = null;
        batch._pool.Return(batch);
    }

    [UnmanagedCallersOnly]
    private static void ReleaseColumn(ArrowArray* array) => array->Release = null;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var column in Columns)
        {
            column.Dispose();
        }

        NativeMemory.Free(_row);
        NativeMemory.Free(_columns);
        NativeMemory.Free(_children);
        NativeMemory.Free(_buffers);
        NativeMemory.Free(_rowBuffers);
        _self.Free();
    }
}
