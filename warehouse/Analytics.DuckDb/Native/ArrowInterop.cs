using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

// The Arrow C data interface (https://arrow.apache.org/docs/format/CDataInterface.html), the shape in
// which the appender hands its rows to DuckDB's arrow_scan. Producer-owned memory stays in this assembly.

/// <summary>struct ArrowSchema: the type of one column (or of the row struct).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ArrowSchema
{
    public byte* Format;
    public byte* Name;
    public byte* Metadata;
    public long Flags;
    public long ChildCount;
    public ArrowSchema** Children;
    public ArrowSchema* Dictionary;
    public delegate* unmanaged<ArrowSchema*, void> Release;
    public void* PrivateData;
}

/// <summary>struct ArrowArray: the buffers of one column (or of the row struct) for a run of rows.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ArrowArray
{
    public long Length;
    public long NullCount;
    public long Offset;
    public long BufferCount;
    public long ChildCount;
    public void** Buffers;
    public ArrowArray** Children;
    public ArrowArray* Dictionary;
    public delegate* unmanaged<ArrowArray*, void> Release;
    public void* PrivateData;
}

/// <summary>struct ArrowArrayStream: a pull stream of ArrowArrays sharing one schema.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ArrowArrayStream
{
    public delegate* unmanaged<ArrowArrayStream*, ArrowSchema*, int> GetSchema;
    public delegate* unmanaged<ArrowArrayStream*, ArrowArray*, int> GetNext;
    public delegate* unmanaged<ArrowArrayStream*, byte*> GetLastError;
    public delegate* unmanaged<ArrowArrayStream*, void> Release;
    public void* PrivateData;
}
