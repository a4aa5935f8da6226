using System.Collections.Concurrent;
using Analytics.Etl.Loading;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// Keeps the last outcome and start time of every load job for the admin page, completes the tasks of operators who
/// wait for the run they triggered, and knows every firing in progress (loads and follow-ups), so that a shutdown can
/// interrupt them and wait until they have rolled back.
/// </summary>
internal sealed class LoadRunListener(IReadOnlyList<ILoadFollowUp> followUps, ILogger logger) : IJobListener
{
    private readonly ConcurrentDictionary<JobKey, LoadRunOutcome> _lastRuns = new();
    private readonly ConcurrentDictionary<JobKey, DateTimeOffset> _lastStarts = new();
    private readonly ConcurrentDictionary<TriggerKey, TaskCompletionSource<LoadRunOutcome>> _waiting = new();
    private readonly Dictionary<string, IJobExecutionContext> _running = new(StringComparer.Ordinal);
    private TaskCompletionSource _idle = Completed();

    public string Name => "analytics-load-runs";

    public LoadRunOutcome? LastRun(JobKey job) => _lastRuns.TryGetValue(job, out var outcome) ? outcome : null;

    public DateTimeOffset? LastStart(JobKey job) => _lastStarts.TryGetValue(job, out var start) ? start : null;

    /// <summary>The firings in progress.</summary>
    public IReadOnlyCollection<IJobExecutionContext> Running
    {
        get
        {
            lock (_running)
            {
                return _running.Values.ToList();
            }
        }
    }

    /// <summary>Completes when no firing is in progress.</summary>
    public Task Idle
    {
        get
        {
            lock (_running)
            {
                return _idle.Task;
            }
        }
    }

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

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (IsLoad(context))
        {
            _lastStarts[context.JobDetail.Key] = context.FireTimeUtc;
        }

        lock (_running)
        {
            if (_running.Count == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _running[context.FireInstanceId] = context;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        Ended(context);
        if (_waiting.TryRemove(context.Trigger.Key, out var completion))
        {
            completion.TrySetCanceled(cancellationToken);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (!IsLoad(context))
        {
            Ended(context);
            return;
        }

        var outcome = context.Result as LoadRunOutcome ?? new LoadRunOutcome(
            context.MergedJobDataMap.GetString(QuarterlyLoadJob.FeedKey) ?? "?", null,
            jobException is null ? LoadRunState.Succeeded : LoadRunState.Failed,
            context.MergedJobDataMap.GetString(QuarterlyLoadJob.TriggerKindKey) ?? QuarterlyLoadJob.ScheduleTrigger,
            context.FireTimeUtc, DateTimeOffset.UtcNow, jobException is null ? null : LoadFailure.Describe(jobException.InnerException ?? jobException), null);
        _lastRuns[context.JobDetail.Key] = outcome;
        Ended(context);
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

    private static bool IsLoad(IJobExecutionContext context) => context.JobDetail.Key.Group == EtlScheduler.JobGroup;

    private void Ended(IJobExecutionContext context)
    {
        lock (_running)
        {
            if (_running.Remove(context.FireInstanceId) && _running.Count == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
