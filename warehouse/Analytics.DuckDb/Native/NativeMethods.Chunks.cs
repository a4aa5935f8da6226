using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_destroy_data_chunk")]
    internal static partial void DestroyDataChunk(ref IntPtr chunk);

    [LibraryImport(Library, EntryPoint = "duckdb_data_chunk_get_size")]
    internal static partial ulong DataChunkGetSize(IntPtr chunk);

    [LibraryImport(Library, EntryPoint = "duckdb_data_chunk_get_vector")]
    internal static partial IntPtr DataChunkGetVector(IntPtr chunk, ulong column);

    [LibraryImport(Library, EntryPoint = "duckdb_vector_get_data")]
    internal static partial IntPtr VectorGetData(IntPtr vector);

    [LibraryImport(Library, EntryPoint = "duckdb_vector_get_validity")]
    internal static partial IntPtr VectorGetValidity(IntPtr vector);

    [LibraryImport(Library, EntryPoint = "duckdb_vector_ensure_validity_writable")]
    internal static partial void VectorEnsureValidityWritable(IntPtr vector);

    [LibraryImport(Library, EntryPoint = "duckdb_vector_assign_string_element_len")]
    internal static unsafe partial void VectorAssignBytes(IntPtr vector, ulong index, byte* value, ulong length);

    [LibraryImport(Library, EntryPoint = "duckdb_list_vector_get_child")]
    internal static partial IntPtr ListVectorGetChild(IntPtr vector);

    [LibraryImport(Library, EntryPoint = "duckdb_array_vector_get_child")]
    internal static partial IntPtr ArrayVectorGetChild(IntPtr vector);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_vector_get_child")]
    internal static partial IntPtr StructVectorGetChild(IntPtr vector, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_get_type_id")]
    internal static partial DuckDbTypeId GetTypeId(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_logical_type")]
    internal static partial void DestroyLogicalType(ref IntPtr type);

    [LibraryImport(Library, EntryPoint = "duckdb_decimal_width")]
    internal static partial byte DecimalWidth(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_decimal_scale")]
    internal static partial byte DecimalScale(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_decimal_internal_type")]
    internal static partial DuckDbTypeId DecimalInternalType(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_enum_internal_type")]
    internal static partial DuckDbTypeId EnumInternalType(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_enum_dictionary_size")]
    internal static partial uint EnumDictionarySize(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_enum_dictionary_value")]
    internal static partial IntPtr EnumDictionaryValue(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_list_type_child_type")]
    internal static partial IntPtr ListTypeChildType(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_array_type_child_type")]
    internal static partial IntPtr ArrayTypeChildType(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_array_type_array_size")]
    internal static partial ulong ArrayTypeArraySize(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_count")]
    internal static partial ulong StructTypeChildCount(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_name")]
    internal static partial IntPtr StructTypeChildName(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_type")]
    internal static partial IntPtr StructTypeChildType(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_union_type_member_count")]
    internal static partial ulong UnionTypeMemberCount(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_union_type_member_name")]
    internal static partial IntPtr UnionTypeMemberName(LogicalTypeHandle type, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_map_type_key_type")]
    internal static partial IntPtr MapTypeKeyType(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_map_type_value_type")]
    internal static partial IntPtr MapTypeValueType(LogicalTypeHandle type);

    [LibraryImport(Library, EntryPoint = "duckdb_logical_type_get_alias")]
    internal static partial IntPtr LogicalTypeGetAlias(LogicalTypeHandle type);
}
