using System.Text;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Vectors;

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

/// <summary>VARCHAR as string.</summary>
internal sealed unsafe class VarcharReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => GetString(row);
    public override string GetString(ulong row) => Encoding.UTF8.GetString(StringEntry.Bytes(Data, row));

    // Decodes only the prefix, so a huge value is never turned into a .NET string whole.
    public override string GetTextPrefix(ulong row, int maxBytes, out long byteCount)
    {
        var bytes = StringEntry.Bytes(Data, row);
        byteCount = bytes.Length;
        return bytes.Length <= maxBytes ? Encoding.UTF8.GetString(bytes) : Utf8Prefix.Decode(bytes, maxBytes);
    }
}

/// <summary>The longest prefix of UTF-8 bytes within a byte budget that does not cut a character.</summary>
internal static class Utf8Prefix
{
    public static string Decode(ReadOnlySpan<byte> bytes, int maxBytes)
    {
        var end = Math.Clamp(maxBytes, 0, bytes.Length);
        // Continuation bytes are 10xxxxxx: step back to the start of the character the budget would cut.
        while (end > 0 && end < bytes.Length && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return Encoding.UTF8.GetString(bytes[..end]);
    }
}

/// <summary>BLOB as byte[].</summary>
internal sealed unsafe class BlobReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => StringEntry.Bytes(Data, row).ToArray();

    // Formats only as many bytes as the budget can show, so a huge BLOB is never copied or formatted whole.
    public override string GetTextPrefix(ulong row, int maxBytes, out long byteCount)
    {
        var bytes = StringEntry.Bytes(Data, row);
        byteCount = ValueText.BlobTextLength(bytes);
        var text = ValueText.FormatBlob(bytes[..Math.Min(bytes.Length, maxBytes)]);
        return text.Length <= maxBytes ? text : text[..maxBytes];
    }
}

/// <summary>BIT strings: the first byte counts the padding bits of the second.</summary>
internal sealed unsafe class BitReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row)
    {
        var bytes = StringEntry.Bytes(Data, row);
        if (bytes.Length == 0)
        {
            return string.Empty;
        }

        var padding = bytes[0];
        var builder = new StringBuilder((bytes.Length - 1) * 8);
        for (var i = 1; i < bytes.Length; i++)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                if (i == 1 && 7 - bit < padding)
                {
                    continue;
                }

                builder.Append((bytes[i] >> bit & 1) == 1 ? '1' : '0');
            }
        }

        return builder.ToString();
    }
}

/// <summary>ENUM: a dictionary index of 1, 2 or 4 bytes, read as its label.</summary>
internal sealed unsafe class EnumReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => GetString(row);

    public override string GetString(ulong row)
    {
        var index = Type.PhysicalId switch
        {
            DuckDbTypeId.UTinyInt => Data[row],
            DuckDbTypeId.USmallInt => ((ushort*)Data)[row],
            _ => ((uint*)Data)[row],
        };
        return Type.EnumValues[index];
    }
}

/// <summary>UUID: a HUGEINT with its top bit flipped so that ordering matches the text form.</summary>
internal sealed unsafe class UuidReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => GetGuid(row);

    public override Guid GetGuid(ulong row)
    {
        var lower = ((ulong*)Data)[row * 2];
        var upper = ((ulong*)Data)[row * 2 + 1] ^ (1UL << 63);
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, upper);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], lower);
        return new Guid(bytes, bigEndian: true);
    }

    public override string GetString(ulong row) => GetGuid(row).ToString();
}

/// <summary>The NULL type (e.g. SELECT NULL): every value is NULL.</summary>
internal sealed class NullReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => DBNull.Value;
}

/// <summary>Types without a reader of their own: shown by name so an analyst's query still displays.</summary>
internal sealed class UnsupportedReader(ColumnType type) : VectorReader(type)
{
    public override object GetValue(ulong row) => $"<{Type.SqlName}>";
}
