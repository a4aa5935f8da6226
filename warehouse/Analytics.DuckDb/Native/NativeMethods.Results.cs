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

    /// <summary>DuckDB.NET does not bind duckdb_prepared_statement_type; the console asks before anything runs.</summary>
    [LibraryImport(Library, EntryPoint = "duckdb_prepared_statement_type")]
    private static partial int PreparedStatementTypeCode(DuckDBPreparedStatement prepared);

    // DuckDB.NET's enum has a member SHOW (18) that the C API's duckdb_statement_type lacks: from VACUUM (18 in C) on, its
    // members are one higher.
    internal static DuckDBStatementType PreparedStatementType(DuckDBPreparedStatement prepared)
    {
        var code = PreparedStatementTypeCode(prepared);
        return (DuckDBStatementType)(code >= (int)DuckDBStatementType.Show ? code + 1 : code);
    }
}
