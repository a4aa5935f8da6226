using System.Runtime.InteropServices;
using DuckDB.NET.Native;

namespace Analytics.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_appender_create_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState AppenderCreate(
        DuckDBNativeConnection connection, string? catalog, string? schema, string table, out IntPtr appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_error")]
    internal static partial IntPtr AppenderError(AppenderHandle appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_column_count")]
    internal static partial ulong AppenderColumnCount(AppenderHandle appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_column_type")]
    internal static partial IntPtr AppenderColumnType(AppenderHandle appender, ulong column);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_destroy")]
    internal static partial DuckDbState AppenderDestroy(ref IntPtr appender);
}
