namespace Analytics.Reports.Browser;

/// <summary>Where Debian's Chromium lives and the flags it needs on these offline machines.</summary>
public static class ChromiumOptions
{
    /// <summary>Debian's package path; <c>ANALYTICS_CHROMIUM</c> overrides it.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("ANALYTICS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps opening connections the closed
    // network refuses, and a start can hang; Playwright gives every launch a fresh profile.
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ];
}
