using System.Text;

namespace Analytics.Etl.Tests.Support;

/// <summary>GB18030 (code page 54936), what Chinese Excel saves as "CSV".</summary>
public static class CodePages
{
    static CodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 { get; } = InitGb18030();

    private static Encoding InitGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }
}
