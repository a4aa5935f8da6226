using Analytics.Etl.Scheduling;

namespace Analytics.Dashboard.Configuration;

/// <summary>
/// The host's settings: section <c>Analytics</c> of appsettings.json, overridable by environment variables
/// (<c>Analytics__Port</c>, <c>Analytics__DatabasePath</c>, ...). Relative paths are read from the working directory.
/// </summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>Environment variable with the admin password; when set it also resets the password at start.</summary>
    public const string AdminPasswordVariable = "ANALYTICS_ADMIN_PASSWORD";

    /// <summary>Address the host listens on.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5080;

    public string DatabasePath { get; set; } = "data/demo.duckdb";

    /// <summary>The host's own state (accounts, audit log); empty: <c>&lt;DatabasePath&gt;.app.duckdb</c> beside the warehouse.</summary>
    public string AppDatabasePath { get; set; } = "";

    /// <summary>The drop folder the scheduled loads read.</summary>
    public string SourceFolder { get; set; } = "data/demo-drop";

    /// <summary>On first start, load every feed and quarter of the demo drop not loaded yet and record the demo's judgements.</summary>
    public bool DemoMode { get; set; } = true;

    /// <summary>Pseudonym key (hex or base64); empty: <c>ANALYTICS_PSEUDONYM_KEY</c>, then in demo mode the key file beside the database.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Public counts below this are shown as "&lt;N"; zero may be shown.</summary>
    public int SuppressionThreshold { get; set; } = 10;

    /// <summary>Admin password from configuration; <see cref="AdminPasswordVariable"/> overrides it.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Failed sign-ins in a row (per account name, and per client address) before each further attempt waits.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>Minutes without a failure after which an account name's or a client's failures are forgotten.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>The longest wait before a sign-in attempt is checked (the wait doubles with each failure past the free ones).</summary>
    public int MaxLoginDelaySeconds { get; set; } = 30;

    /// <summary>Hours after sign-in when a session ends even if it was used all along (besides the 8-hour sliding expiry).</summary>
    public int SessionAbsoluteHours { get; set; } = 12;

    /// <summary>Requests per minute and client address on the public API.</summary>
    public int PublicApiRequestsPerMinute { get; set; } = 120;

    /// <summary>Login attempts per minute and client address.</summary>
    public int LoginRequestsPerMinute { get; set; } = 10;

    /// <summary>How long shutdown waits for a running load before interrupting it (it then rolls back).</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 300;

    /// <summary>Folder of the generated PDF briefings; empty: <c>briefings</c> beside the warehouse file.</summary>
    public string BriefingFolder { get; set; } = "";

    /// <summary>Generate a quarter's briefings after its loads (the latest complete quarter, or one briefed before).</summary>
    public bool BriefingsAfterLoads { get; set; } = true;

    /// <summary>Seconds after a quarter's last load before its briefings are generated (later loads move it on).</summary>
    public int BriefingDelaySeconds { get; set; } = 60;

    /// <summary>Pages Chromium prints at the same time.</summary>
    public int BriefingConcurrency { get; set; } = 2;

    /// <summary>The quarterly load schedules (Quartz cron, seconds first).</summary>
    public EtlSchedulerOptions Schedules { get; set; } = new();
}
