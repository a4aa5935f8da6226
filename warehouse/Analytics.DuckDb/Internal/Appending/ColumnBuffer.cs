using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Appending;

/// <summary>How a column's values are laid out in Arrow memory.</summary>
internal enum ArrowLayout
{
    /// <summary>Fixed-width values, one after the other.</summary>
    Fixed,

    /// <summary>Booleans, one bit each.</summary>
    Bits,

    /// <summary>Variable-length bytes: 32-bit offsets and a data area (Arrow utf8 and binary).</summary>
    Variable,
}

/// <summary>
/// The native memory of one column of an <see cref="AppendBatch"/>, in the Arrow layout DuckDB's
/// arrow_scan reads: a data buffer (or offsets and bytes) and a validity bitmap made on the first NULL.
/// Rows are written in order; a row abandoned half-way is simply written again.
/// </summary>
internal sealed unsafe class ColumnBuffer : IDisposable
{
    private readonly int _capacity;
    private byte* _validity;
    private bool _hasNulls;
    private byte* _bytes;
    private long _bytesCapacity;
    private bool _disposed;

    public ColumnBuffer(ArrowLayout layout, int width, int capacity)
    {
        Layout = layout;
        _capacity = capacity;
        var size = layout switch
        {
            ArrowLayout.Fixed => (nuint)width * (nuint)capacity,
            ArrowLayout.Bits => (nuint)BitmapBytes(capacity),
            _ => (nuint)(capacity + 1) * sizeof(int),
        };

        // Not zeroed: the OS only backs the pages a batch really writes.
        Data = (byte*)NativeMemory.Alloc(size);
        if (layout == ArrowLayout.Variable)
        {
            *(int*)Data = 0;
            _bytesCapacity = 4096;
            _bytes = (byte*)NativeMemory.Alloc((nuint)_bytesCapacity);
        }
    }

    public ArrowLayout Layout { get; }

    /// <summary>Fixed-width values, the bit-packed booleans, or the 32-bit offsets of variable-length values.</summary>
    public byte* Data { get; }

    /// <summary>Bytes held by the variable-length values written so far.</summary>
    public long ByteCount { get; private set; }

    public void SetNull(int row)
    {
        if (!_hasNulls)
        {
            if (_validity == null)
            {
                _validity = (byte*)NativeMemory.Alloc((nuint)BitmapBytes(_capacity));
            }

            NativeMemory.Fill(_validity, (nuint)BitmapBytes(_capacity), 0xFF);
            _hasNulls = true;
        }

        _validity[row >> 3] &= (byte)~(1 << (row & 7));
        if (Layout == ArrowLayout.Variable)
        {
            var offsets = (int*)Data;
            offsets[row + 1] = offsets[row];
        }
    }

    /// <summary>Clears a NULL mark that an abandoned row may have left in the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValid(int row)
    {
        if (_hasNulls)
        {
            _validity[row >> 3] |= (byte)(1 << (row & 7));
        }
    }

    public void SetBit(int row, bool value)
    {
        if (value)
        {
            Data[row >> 3] |= (byte)(1 << (row & 7));
        }
        else
        {
            Data[row >> 3] &= (byte)~(1 << (row & 7));
        }
    }

    /// <summary>Writes the bytes of a variable-length value; a column's bytes in one batch stay under 2 GiB (Arrow's 32-bit offsets).</summary>
    public void WriteBytes(int row, ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(row, value.Length));
        Commit(row, value.Length);
    }

    /// <summary>Writes a string as UTF-8 straight into the batch's bytes.</summary>
    public void WriteUtf8(int row, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, Reserve(row, Encoding.UTF8.GetMaxByteCount(value.Length)));
        Commit(row, written);
    }

    // Room for up to `length` bytes of the row's value, which starts where the previous row's ends.
    private Span<byte> Reserve(int row, int length)
    {
        long start = ((int*)Data)[row];
        var end = start + length;
        if (end > int.MaxValue)
        {
            throw new InvalidOperationException("A batch of the appender holds at most 2 GiB of text per column.");
        }

        if (end > _bytesCapacity)
        {
            _bytesCapacity = Math.Min(Math.Max(end, _bytesCapacity * 2), int.MaxValue);
            _bytes = (byte*)NativeMemory.Realloc(_bytes, (nuint)_bytesCapacity);
        }

        return new Span<byte>(_bytes + start, length);
    }

    private void Commit(int row, int length)
    {
        var offsets = (int*)Data;
        offsets[row + 1] = offsets[row] + length;
        ByteCount = offsets[row + 1];
    }

    /// <summary>Starts the buffer over for the next batch; the memory is kept.</summary>
    public void Reset()
    {
        _hasNulls = false;
        ByteCount = 0;
    }

    /// <summary>Describes the first <paramref name="rows"/> rows as an Arrow child array; the memory stays owned here.</summary>
    public void Export(ArrowArray* array, void** buffers, int rows)
    {
        array->Length = rows;
        array->Offset = 0;
        array->NullCount = _hasNulls ? CountNulls(rows) : 0;
        array->ChildCount = 0;
        array->Children = null;
        array->Dictionary = null;
        array->Buffers = buffers;
        buffers[0] = _hasNulls ? _validity : null;
        buffers[1] = Data;
        array->BufferCount = 2;
        if (Layout == ArrowLayout.Variable)
        {
            buffers[2] = _bytes;
            array->BufferCount = 3;
        }
    }

    private long CountNulls(int rows)
    {
        long valid = 0;
        var whole = rows >> 3;
        for (var i = 0; i < whole; i++)
        {
            valid += BitOperations.PopCount(_validity[i]);
        }

        for (var row = whole << 3; row < rows; row++)
        {
            valid += (_validity[row >> 3] >> (row & 7)) & 1;
        }

        return rows - valid;
    }

    private static int BitmapBytes(int rows) => (rows + 7) >> 3;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMemory.Free(Data);
        NativeMemory.Free(_validity);
        NativeMemory.Free(_bytes);
        _validity = null;
        _bytes = null;
    }
}
