using System.Text;

namespace Analytics.Sources;

/// <summary>Decides how a CSV ledger is encoded: UTF-8 (with or without BOM) or GB18030, as Chinese Excel saves it.</summary>
public static class LedgerEncoding
{
    /// <summary>GB18030's Windows code page.</summary>
    public const int Gb18030CodePage = 54936;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>GB18030; registers the code-pages provider on first use.</summary>
    public static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(Gb18030CodePage);
        }
    }

    /// <summary>UTF-8 when the bytes carry a BOM or decode as strict UTF-8, otherwise GB18030.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8;
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Gb18030;
        }
    }

    /// <summary>Reads a whole CSV ledger as text in its detected encoding, without a BOM.</summary>
    public static string ReadAllText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var encoding = Detect(bytes);
        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
