using System.Runtime.InteropServices;
using DuckDB.NET.Native;

namespace Analytics.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_destroy_result")]
    internal static partial void DestroyResult(IntPtr result);

    [LibraryImport(Library, EntryPoint = "duckdb_result_error")]
    internal static partial IntPtr ResultError(IntPtr result);

    [LibraryImport(Library, EntryPoint = "duckdb_result_error_type")]
    internal static partial DuckDBErrorType ResultErrorType(IntPtr result);

    /// <summary>DuckDB.NET binds duckdb_prepared_statement_type only through an executed result; the console asks before running.</summary>
    [LibraryImport(Library, EntryPoint = "duckdb_prepared_statement_type")]
    internal static partial DuckDBStatementType PreparedStatementType(DuckDBPreparedStatement prepared);
}
