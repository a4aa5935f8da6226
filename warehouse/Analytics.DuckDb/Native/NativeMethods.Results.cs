using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_pending_prepared")]
    internal static partial DuckDbState PendingPrepared(PreparedStatementHandle prepared, out IntPtr pending);

    [LibraryImport(Library, EntryPoint = "duckdb_pending_prepared_streaming")]
    internal static partial DuckDbState PendingPreparedStreaming(PreparedStatementHandle prepared, out IntPtr pending);

    [LibraryImport(Library, EntryPoint = "duckdb_pending_error")]
    internal static partial IntPtr PendingError(PendingResultHandle pending);

    [LibraryImport(Library, EntryPoint = "duckdb_execute_pending")]
    internal static partial DuckDbState ExecutePending(PendingResultHandle pending, IntPtr result);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_pending")]
    internal static partial void DestroyPending(ref IntPtr pending);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_result")]
    internal static partial void DestroyResult(IntPtr result);

    [LibraryImport(Library, EntryPoint = "duckdb_result_error")]
    internal static partial IntPtr ResultError(IntPtr result);

    [LibraryImport(Library, EntryPoint = "duckdb_result_return_type")]
    internal static partial DuckDbResultType ResultReturnType(DuckDbResultStruct result);

    [LibraryImport(Library, EntryPoint = "duckdb_rows_changed")]
    internal static partial ulong RowsChanged(IntPtr result);

    [LibraryImport(Library, EntryPoint = "duckdb_column_count")]
    internal static partial ulong ColumnCount(IntPtr result);

    [LibraryImport(Library, EntryPoint = "duckdb_column_name")]
    internal static partial IntPtr ColumnName(IntPtr result, ulong column);

    [LibraryImport(Library, EntryPoint = "duckdb_column_logical_type")]
    internal static partial IntPtr ColumnLogicalType(IntPtr result, ulong column);

    [LibraryImport(Library, EntryPoint = "duckdb_fetch_chunk")]
    internal static partial IntPtr FetchChunk(DuckDbResultStruct result);
}
