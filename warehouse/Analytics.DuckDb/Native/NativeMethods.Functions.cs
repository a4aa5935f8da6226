using System.Runtime.InteropServices;
using DuckDB.NET.Native;

namespace Analytics.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_create_scalar_function")]
    internal static partial IntPtr CreateScalarFunction();

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_scalar_function")]
    internal static partial void DestroyScalarFunction(ref IntPtr function);

    [LibraryImport(Library, EntryPoint = "duckdb_scalar_function_set_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void ScalarFunctionSetName(IntPtr function, string name);

    [LibraryImport(Library, EntryPoint = "duckdb_scalar_function_add_parameter")]
    internal static partial void ScalarFunctionAddParameter(IntPtr function, LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_scalar_function_set_return_type")]
    internal static partial void ScalarFunctionSetReturnType(IntPtr function, LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_scalar_function_set_extra_info")]
    internal static partial void ScalarFunctionSetExtraInfo(IntPtr function, IntPtr extraInfo, IntPtr destroy);

    [LibraryImport(Library, EntryPoint = "duckdb_scalar_function_set_function")]
    internal static partial void ScalarFunctionSetFunction(IntPtr function, IntPtr callback);

    [LibraryImport(Library, EntryPoint = "duckdb_register_scalar_function")]
    internal static partial DuckDbState RegisterScalarFunction(DuckDBNativeConnection connection, IntPtr function);

    [LibraryImport(Library, EntryPoint = "duckdb_scalar_function_get_extra_info")]
    internal static partial IntPtr ScalarFunctionGetExtraInfo(IntPtr info);

    [LibraryImport(Library, EntryPoint = "duckdb_scalar_function_set_error", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void ScalarFunctionSetError(IntPtr info, string error);

    [LibraryImport(Library, EntryPoint = "duckdb_create_logical_type")]
    internal static partial IntPtr CreateLogicalType(DuckDbTypeId type);
}
