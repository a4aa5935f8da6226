namespace Analytics.Etl.Scheduling;

/// <summary>
/// The quarterly load schedule. Bind from configuration (<c>Etl:Schedule</c>) or set in code through
/// <see cref="EtlSchedulingServiceCollectionExtensions.AddEtlScheduling"/>.
/// </summary>
public sealed class EtlSchedulerOptions
{
    /// <summary>02:00 on the 5th day of January, April, July and October: after each quarter closes and its extracts are due.</summary>
    public const string DefaultCron = "0 0 2 5 1,4,7,10 ?";

    public const string DefaultTimeZone = "Asia/Shanghai";

    /// <summary>Cron expression (Quartz syntax, seconds first) for every feed without its own entry in <see cref="CronByFeed"/>.</summary>
    public string Cron { get; set; } = DefaultCron;

    /// <summary>Per-feed cron expressions, e.g. <c>{"ledger": "0 0 3 10 1,4,7,10 ?"}</c>.</summary>
    public Dictionary<string, string> CronByFeed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The feeds that get a job; null or empty means every feed of the source catalog.</summary>
    public List<string>? Feeds { get; set; }

    /// <summary>Time zone the cron expressions are read in (IANA id).</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>
    /// How to handle a misfire, i.e. a fire time that passed more than <see cref="MisfireThreshold"/> ago
    /// without running (the scheduler was in standby, or busy with another load, or started after the fire time
    /// with <see cref="CatchUpSince"/>). True (the default): <c>FireAndProceed</c>, run once now, then keep the
    /// schedule; loads are idempotent, so a late run is always safe and a missed quarter is never silently skipped.
    /// False: <c>DoNothing</c>, wait for the next scheduled time.
    /// </summary>
    public bool CatchUpMissedRuns { get; set; } = true;

    /// <summary>Quartz misfire threshold (RAMJobStore): how late a fire may be before it counts as a misfire.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Start of the schedules. Null: now. An earlier instant (for example when the host last stopped) makes the
    /// fire times since then misfires at start-up, which <see cref="CatchUpMissedRuns"/> then runs once.
    /// </summary>
    public DateTimeOffset? CatchUpSince { get; set; }

    /// <summary>
    /// Loads that may run at the same time. Always 1 in the product: DuckDB has one writer, and two loads in one
    /// process collide (each registers the pseudonym function of the key on the shared database instance).
    /// Tests raise it to show that one feed never runs twice at once even when threads are free.
    /// </summary>
    internal int MaxConcurrentLoads { get; set; } = 1;

    /// <summary>Cron of one feed.</summary>
    public string CronOf(string feed) => CronByFeed.TryGetValue(feed, out var cron) && !string.IsNullOrWhiteSpace(cron) ? cron : Cron;
}
