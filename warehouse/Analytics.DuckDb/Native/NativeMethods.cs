using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

/// <summary>
/// The P/Invoke declarations of DuckDB's C API that DuckDB.NET does not declare (or declares without the extension's handle
/// types), split by area into partial files. "duckdb" resolves to the libduckdb that DuckDB.NET's package puts in the output.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Library = "duckdb";

    [LibraryImport(Library, EntryPoint = "duckdb_free")]
    internal static partial void Free(IntPtr pointer);

    /// <summary>Reads a UTF-8 C string that DuckDB owns (not freed here).</summary>
    internal static string? ReadString(IntPtr pointer) =>
        pointer == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(pointer);

    /// <summary>Reads a UTF-8 C string that the caller owns, then frees it with duckdb_free.</summary>
    internal static string? ReadAndFreeString(IntPtr pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            Free(pointer);
        }
    }
}
