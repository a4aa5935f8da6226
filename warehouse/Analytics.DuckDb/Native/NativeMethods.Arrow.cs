using System.Runtime.InteropServices;
using DuckDB.NET.Native;

namespace Analytics.DuckDb.Native;

internal static partial class NativeMethods
{
    /// <summary>Creates a view (in the connection's current schema, not temporary) that scans an Arrow stream.</summary>
    [LibraryImport(Library, EntryPoint = "duckdb_arrow_scan", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial DuckDbState ArrowScan(DuckDBNativeConnection connection, string viewName, ArrowArrayStream* stream);

    /// <summary>Runs one statement and materialises its result into a caller-allocated duckdb_result.</summary>
    [LibraryImport(Library, EntryPoint = "duckdb_query", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState Query(DuckDBNativeConnection connection, string sql, IntPtr result);
}
