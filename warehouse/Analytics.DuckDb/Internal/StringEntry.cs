using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>Access to duckdb_string_t entries: inlined up to 12 bytes, else a pointer.</summary>
internal static unsafe class StringEntry
{
    private const int InlineLength = 12;

    public static ReadOnlySpan<byte> Bytes(byte* data, ulong row)
    {
        var entry = (DuckDbStringStruct*)(data + row * 16);
        var length = (int)entry->Length;
        return length <= InlineLength
            ? new ReadOnlySpan<byte>((byte*)entry + 4, length)
            : new ReadOnlySpan<byte>((byte*)entry->Pointer, length);
    }
}
