using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

/// <summary>Base of every handle to a DuckDB C object: invalid when zero, released exactly once.</summary>
internal abstract class DuckDbHandle : SafeHandle
{
    protected DuckDbHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes ownership of a pointer a C API call returned.</summary>
    internal void Adopt(IntPtr pointer) => SetHandle(pointer);
}

/// <summary>
/// Owns a duckdb_result. The C struct is caller-allocated, so this handle owns both the native
/// memory holding the struct and the result it describes.
/// </summary>
internal sealed class ResultHandle : DuckDbHandle
{
    private static readonly nuint StructSize = (nuint)Marshal.SizeOf<DuckDbResultStruct>();

    private ResultHandle()
    {
    }

    internal static unsafe ResultHandle Allocate()
    {
        var result = new ResultHandle();
        result.SetHandle((IntPtr)NativeMemory.AllocZeroed(StructSize));
        return result;
    }

    /// <summary>The struct by value, as duckdb_fetch_chunk and friends take it.</summary>
    internal unsafe DuckDbResultStruct Value => *(DuckDbResultStruct*)handle;

    protected override unsafe bool ReleaseHandle()
    {
        // duckdb_destroy_result is safe on a zeroed struct (a result that was never filled).
        NativeMethods.DestroyResult(handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}

/// <summary>Owns a duckdb_data_chunk.</summary>
internal sealed class DataChunkHandle : DuckDbHandle
{
    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        NativeMethods.DestroyDataChunk(ref pointer);
        return true;
    }
}

/// <summary>Owns a duckdb_logical_type.</summary>
internal sealed class LogicalTypeHandle : DuckDbHandle
{
    internal static LogicalTypeHandle FromPointer(IntPtr pointer)
    {
        var type = new LogicalTypeHandle();
        type.Adopt(pointer);
        return type;
    }

    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        NativeMethods.DestroyLogicalType(ref pointer);
        return true;
    }
}

/// <summary>Owns a duckdb_appender.</summary>
internal sealed class AppenderHandle : DuckDbHandle
{
    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        NativeMethods.AppenderDestroy(ref pointer);
        return true;
    }
}
