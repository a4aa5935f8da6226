using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// Keeps the last outcome and start time of every load job for the admin page, and completes the
/// tasks of operators who wait for the run they triggered.
/// </summary>
internal sealed class LoadRunListener(IReadOnlyList<ILoadFollowUp> followUps, ILogger logger) : IJobListener
{
    private readonly ConcurrentDictionary<JobKey, LoadRunOutcome> _lastRuns = new();
    private readonly ConcurrentDictionary<JobKey, DateTimeOffset> _lastStarts = new();
    private readonly ConcurrentDictionary<TriggerKey, TaskCompletionSource<LoadRunOutcome>> _waiting = new();
    private readonly ConcurrentDictionary<string, IJobExecutionContext> _running = new(StringComparer.Ordinal);

    public string Name => "analytics-load-runs";

    public LoadRunOutcome? LastRun(JobKey job) => _lastRuns.TryGetValue(job, out var outcome) ? outcome : null;

    public DateTimeOffset? LastStart(JobKey job) => _lastStarts.TryGetValue(job, out var start) ? start : null;

    /// <summary>The runs in progress.</summary>
    public IReadOnlyCollection<IJobExecutionContext> Running => _running.Values.ToList();

    /// <summary>Registers interest in the run a trigger will fire, before the trigger is scheduled.</summary>
    public Task<LoadRunOutcome> Expect(TriggerKey trigger)
    {
        var completion = new TaskCompletionSource<LoadRunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[trigger] = completion;
        return completion.Task;
    }

    public void Forget(TriggerKey trigger) => _waiting.TryRemove(trigger, out _);

    /// <summary>The scheduler shut down: nobody will run the pending requests any more.</summary>
    public void CancelPending()
    {
        foreach (var key in _waiting.Keys)
        {
            if (_waiting.TryRemove(key, out var completion))
            {
                completion.TrySetCanceled();
            }
        }
    }

    public Task JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        _lastStarts[context.JobDetail.Key] = context.FireTimeUtc;
        _running[context.FireInstanceId] = context;
        return Task.CompletedTask;
    }

    public Task JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        _running.TryRemove(context.FireInstanceId, out _);
        if (_waiting.TryRemove(context.Trigger.Key, out var completion))
        {
            completion.TrySetCanceled(cancellationToken);
        }

        return Task.CompletedTask;
    }

    public async Task JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var outcome = context.Result as LoadRunOutcome ?? new LoadRunOutcome(
            context.MergedJobDataMap.GetString(QuarterlyLoadJob.FeedKey) ?? "?", null,
            jobException is null ? LoadRunState.Succeeded : LoadRunState.Failed,
            context.MergedJobDataMap.GetString(QuarterlyLoadJob.TriggerKindKey) ?? QuarterlyLoadJob.ScheduleTrigger,
            context.FireTimeUtc, DateTimeOffset.UtcNow, jobException is null ? null : JobFailure.Describe(jobException.InnerException ?? jobException), null);
        _lastRuns[context.JobDetail.Key] = outcome;
        _running.TryRemove(context.FireInstanceId, out _);
        if (outcome.State == LoadRunState.Succeeded)
        {
            foreach (var followUp in followUps)
            {
                try
                {
                    await followUp.LoadSucceededAsync(context.Scheduler, outcome, cancellationToken);
                }
                catch (SchedulerException ex)
                {
                    // A follow-up that cannot be scheduled must not hide the load's own outcome.
                    logger.LogError(ex, "Follow-up of {Feed} {Quarter} could not be scheduled", outcome.Feed, outcome.Quarter);
                }
            }
        }

        if (_waiting.TryRemove(context.Trigger.Key, out var completion))
        {
            completion.TrySetResult(outcome);
        }
    }
}
