using System.Text;
using System.Text.Unicode;

namespace Analytics.Etl.Extraction;

/// <summary>Tells UTF-8 from GB18030 (what Chinese Excel writes) and decodes either.</summary>
public static class TextDecoding
{
    private static readonly Encoding Gb18030;

    static TextDecoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // Strict (throwing) variant of the code page the sources catalog names, so detection can fail.
        Gb18030 = Encoding.GetEncoding(Analytics.Sources.LedgerEncoding.Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>The encoding of a text file's bytes: UTF-8 (with or without BOM) when valid, else GB18030 when valid.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes, string displayName)
    {
        if (Utf8.IsValid(bytes))
        {
            return new UTF8Encoding(false);
        }

        try
        {
            Gb18030.GetCharCount(bytes);
            return Gb18030;
        }
        catch (DecoderFallbackException)
        {
            var at = FirstInvalidUtf8(bytes);
            var line = bytes[..at].Count((byte)'\n') + 1;
            throw new EtlException(
                $"{displayName}：文件编码无法识别，既不是 UTF-8 也不是 GB18030：第 {line:N0} 行、字节偏移 {at:N0}（从 0 计）处的字节 0x{bytes[at]:X2} 不是合法的 UTF-8 (unrecognised text encoding)。");
        }
    }

    /// <summary>Offset of the first byte that does not start a valid UTF-8 sequence, or -1 when all of them are valid.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    /// <summary>
    /// True when the first 64 KiB are valid UTF-8. Reading the whole file here would double the cost of
    /// large extracts; DuckDB rejects any later invalid line (INVALID UNICODE) into the quarantine.
    /// </summary>
    public static bool StartsAsUtf8(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new byte[64 * 1024];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var span = buffer.AsSpan(0, length);
        if (length == buffer.Length)
        {
            // Do not judge a multi-byte character cut by the block's end.
            var end = length;
            while (end > length - 4 && (buffer[end - 1] & 0xC0) == 0x80)
            {
                end--;
            }

            span = buffer.AsSpan(0, end > length - 4 && buffer[end - 1] >= 0xC0 ? end - 1 : length);
        }

        return Utf8.IsValid(span);
    }
}
