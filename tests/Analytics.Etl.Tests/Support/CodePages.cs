using System.Text;

namespace Analytics.Etl.Tests.Support;

/// <summary>GB18030 (code page 54936), what Chinese Excel saves as "CSV".</summary>
public static class CodePages
{
    public static Encoding Gb18030 { get; } = Create();

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }
}
