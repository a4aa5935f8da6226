namespace Analytics.Reports.Html;

/// <summary>The print stylesheet (Html/briefing.css), embedded in the assembly and inlined into every document.</summary>
public static class BriefingStyles
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(BriefingStyles).Assembly.GetManifestResourceStream("Analytics.Reports.briefing.css")
            ?? throw new InvalidOperationException("briefing.css is not embedded in Analytics.Reports");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Css => Text.Value;
}
