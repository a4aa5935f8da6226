using Analytics.Etl.Loading;
using Analytics.Sources;

namespace Analytics.Etl.Scheduling;

/// <summary>How one run of a scheduled or operator-triggered load ended.</summary>
public enum LoadRunState
{
    Succeeded,

    /// <summary>The load failed and left the warehouse as it was; etl_run holds a failed row.</summary>
    Failed,

    /// <summary>No quarter was named and the latest closed quarter has not been submitted yet (a late submission is normal).</summary>
    Skipped,

    /// <summary>Cancelled by shutdown or an operator; the warehouse is unchanged.</summary>
    Cancelled,
}

/// <summary>The outcome of one job run, kept for the admin page and handed to operators awaiting a trigger.</summary>
public sealed record LoadRunOutcome(
    string Feed,
    Quarter? Quarter,
    LoadRunState State,
    string Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string? Message,
    LoadResult? Result);

/// <summary>One scheduled job as the admin page lists it.</summary>
/// <param name="JobKey"><c>load-&lt;feed&gt;</c>.</param>
/// <param name="Cron">The cron expression of the default schedule (Quartz syntax, seconds first).</param>
/// <param name="NextFireTime">The next scheduled or operator-requested run, or null when none is planned.</param>
/// <param name="PreviousFireTime">When the job last started, by schedule or operator.</param>
/// <param name="LastRun">How the last finished run ended, since the host started; null before the first run.</param>
public sealed record ScheduledLoadJob(
    string JobKey,
    string Feed,
    string FeedName,
    string Cron,
    string TimeZone,
    DateTimeOffset? NextFireTime,
    DateTimeOffset? PreviousFireTime,
    bool IsRunning,
    LoadRunOutcome? LastRun);

/// <summary>An operator's request, accepted by the scheduler; <see cref="Completion"/> ends when the run has finished.</summary>
public sealed record TriggeredLoad(string Feed, Quarter? Quarter, string TriggerKey, Task<LoadRunOutcome> Completion);
