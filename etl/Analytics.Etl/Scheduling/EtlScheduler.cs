using Analytics.Sources;
using Analytics.Sources.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// The quarterly loads on the host's Quartz scheduler (built by <c>AddQuartz</c>, in-memory store, started and stopped by
/// Quartz's hosted service): one durable job per feed (<c>load-&lt;feed&gt;</c>) with its cron trigger, registered here
/// and nowhere else; operators add one-shot triggers with <see cref="TriggerNow"/>.
/// </summary>
/// <remarks>
/// Misfires: cron triggers use <c>FireAndProceed</c> when <see cref="EtlSchedulerOptions.CatchUpMissedRuns"/>
/// is true (default), <c>DoNothing</c> otherwise; operator triggers always use <c>FireNow</c>, so a request
/// that had to wait behind a running load of the same feed still runs, once.
/// </remarks>
public sealed class EtlScheduler
{
    /// <summary>The Quartz scheduler's registration name (<c>AddQuartz(name, …)</c>), its keyed services and options.</summary>
    public const string SchedulerName = "analytics-etl";

    public const string JobGroup = "etl";
    public const string ScheduleTriggerGroup = "etl-schedule";
    public const string OperatorTriggerGroup = "etl-operator";

    private readonly EtlSchedulerOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<EtlScheduler> _logger;
    private readonly LoadRunListener _listener;
    private readonly IReadOnlyList<ILoadFollowUp> _followUps;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeZoneInfo _timeZone;
    private IScheduler? _scheduler;

    public EtlScheduler(IOptions<EtlSchedulerOptions> options, IServiceProvider services, ILogger<EtlScheduler> logger,
        IEnumerable<ILoadFollowUp>? followUps = null)
    {
        _options = options.Value;
        _followUps = followUps?.ToList() ?? [];
        _listener = new LoadRunListener(_followUps, logger);
        _services = services;
        _logger = logger;
        _timeZone = FindTimeZone(_options.TimeZone);
        Feeds = (_options.Feeds is { Count: > 0 } ids ? ids.Select(SourceCatalog.Feed) : SourceCatalog.Feeds).ToList();
    }

    /// <summary>The feeds that have a job.</summary>
    public IReadOnlyList<FeedSpec> Feeds { get; }

    public bool IsStarted => _scheduler is { } scheduler && StatusOf(scheduler) == SchedulerStatus.Running;

    public static JobKey JobKeyOf(string feed) => new($"load-{feed}", JobGroup);

    /// <summary>Adds the jobs, their schedules and the follow-ups to the scheduler (once); Quartz's hosted service starts it.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken = default)
    {
        await GetSchedulerAsync(cancellationToken);
        _logger.LogInformation("ETL scheduler registered: {Count} feeds, misfire policy {Policy}", Feeds.Count,
            _options.CatchUpMissedRuns ? "FireAndProceed" : "DoNothing");
    }

    /// <summary>Waits until no load runs: after a shutdown that stopped waiting, an interrupted load is still rolling back.</summary>
    public Task WhenNoLoadRunsAsync() => _listener.Idle;

    /// <summary>The scheduler has shut down: nobody will run the requests still waiting.</summary>
    public void Stopped()
    {
        _listener.CancelPending();
        _logger.LogInformation("ETL scheduler stopped");
    }

    /// <summary>Asks the running loads to stop: their cancellation token fires and each load rolls back and logs a failed run.</summary>
    public async Task InterruptRunningAsync(CancellationToken cancellationToken = default)
    {
        // Every firing, the follow-up jobs (briefings) too: they honour their cancellation token as the loads do.
        foreach (var running in _listener.Running)
        {
            _logger.LogWarning("Interrupting {Job}", running.JobDetail.Key);
            await running.Scheduler.InterruptFireInstance(running.FireInstanceId, cancellationToken);
        }
    }

    /// <summary>Fires a follow-up job (registered by an <see cref="ILoadFollowUp"/>) now, with its data; it runs when no load runs.</summary>
    public async Task TriggerFollowUpAsync(JobKey job, JobDataMap data, CancellationToken cancellationToken = default)
    {
        var scheduler = await GetRunningSchedulerAsync(cancellationToken);
        await scheduler.TriggerJob(job, data, cancellationToken);
    }

    /// <summary>
    /// Schedules a load of <paramref name="feed"/> now, for <paramref name="quarter"/> or, when null, the latest
    /// closed quarter. Returns once the request is scheduled; await <see cref="TriggeredLoad.Completion"/> for the outcome.
    /// A load of the same feed that is running finishes first.
    /// </summary>
    public async Task<TriggeredLoad> TriggerNow(string feed, Quarter? quarter = null, CancellationToken cancellationToken = default)
    {
        if (Feeds.All(f => f.Id != feed))
        {
            throw new ArgumentException($"没有数据源 {feed} 的装载任务；可选 {string.Join("|", Feeds.Select(f => f.Id))}", nameof(feed));
        }

        var scheduler = await GetRunningSchedulerAsync(cancellationToken);
        var triggerKey = new TriggerKey($"{feed}-{quarter?.ToString() ?? "latest"}-{Guid.NewGuid():N}", OperatorTriggerGroup);
        var data = new JobDataMap { [QuarterlyLoadJob.TriggerKindKey] = QuarterlyLoadJob.OperatorTrigger };
        if (quarter is { } q)
        {
            data[QuarterlyLoadJob.QuarterKey] = q.ToString();
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(JobKeyOf(feed))
            .UsingJobData(data)
            .StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .WithDescription($"操作员触发：{feed} {quarter?.ToString() ?? "最近已结束季度"}")
            .Build();
        var completion = _listener.Expect(triggerKey);
        try
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        }
        catch
        {
            _listener.Forget(triggerKey);
            throw;
        }

        _logger.LogInformation("Operator triggered {Feed} {Quarter}", feed, quarter?.ToString() ?? "latest closed quarter");
        return new TriggeredLoad(feed, quarter, triggerKey.ToString(), completion);
    }

    /// <summary>Triggers a load and waits until it has run.</summary>
    public async Task<LoadRunOutcome> RunNowAsync(string feed, Quarter? quarter = null, CancellationToken cancellationToken = default)
    {
        var triggered = await TriggerNow(feed, quarter, cancellationToken);
        return await triggered.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Every load job with its schedule, next and previous fire times and the outcome of its last run, in catalog order.</summary>
    public async Task<IReadOnlyList<ScheduledLoadJob>> GetJobs(CancellationToken cancellationToken = default)
    {
        var scheduler = await GetSchedulerAsync(cancellationToken);
        var shutDown = IsShutDown(scheduler);
        var running = _listener.Running.Select(c => c.JobDetail.Key).ToHashSet();
        var jobs = new List<ScheduledLoadJob>();
        foreach (var feed in Feeds)
        {
            var key = JobKeyOf(feed.Id);
            var triggers = shutDown ? [] : await scheduler.GetTriggersOfJob(key, cancellationToken);
            var next = triggers.Select(t => t.NextFireTimeUtc).Where(t => t.HasValue).Min();
            var previous = triggers.Select(t => t.PreviousFireTimeUtc)
                .Append(_listener.LastStart(key))
                .Where(t => t.HasValue).Max();
            jobs.Add(new ScheduledLoadJob(key.Name, feed.Id, feed.SystemLabel, _options.CronOf(feed.Id), _timeZone.Id,
                next, previous, running.Contains(key), _listener.LastRun(key)));
        }

        return jobs;
    }

    /// <summary>The firings in progress, for tests and diagnostics.</summary>
    internal IReadOnlyCollection<IJobExecutionContext> Running => _listener.Running;

    /// <summary>The underlying Quartz scheduler, for tests and diagnostics.</summary>
    internal Task<IScheduler> Scheduler(CancellationToken cancellationToken = default) => GetSchedulerAsync(cancellationToken);

    private async Task<IScheduler> GetRunningSchedulerAsync(CancellationToken cancellationToken)
    {
        var scheduler = await GetSchedulerAsync(cancellationToken);
        return IsShutDown(scheduler) ? throw new InvalidOperationException("调度器已停止 (the scheduler has shut down)。") : scheduler;
    }

    private static bool IsShutDown(IScheduler scheduler) => StatusOf(scheduler) is SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown;

    // The container's scheduler refuses to be read once it has shut down: that is its answer.
    private static SchedulerStatus StatusOf(IScheduler scheduler)
    {
        try
        {
            return scheduler.Status;
        }
        catch (SchedulerException)
        {
            return SchedulerStatus.Shutdown;
        }
    }

    private async Task<IScheduler> GetSchedulerAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_scheduler is null)
            {
                var scheduler = _services.GetRequiredKeyedService<IScheduler>(SchedulerName);
                scheduler.ListenerManager.AddJobListener(_listener, [Matchers.AllJobs()]);
                await RegisterJobsAsync(scheduler, cancellationToken);
                foreach (var followUp in _followUps)
                {
                    await followUp.RegisterAsync(scheduler, cancellationToken);
                }

                _scheduler = scheduler;
            }

            return _scheduler;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>All scheduling of the loads, in one place: one durable job and one cron trigger per feed.</summary>
    private async Task RegisterJobsAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var feed in Feeds)
        {
            var job = JobBuilder.Create<QuarterlyLoadJob>()
                .WithIdentity(JobKeyOf(feed.Id))
                .WithDescription($"季度装载：{feed.SystemLabel} ({feed.Id})")
                .UsingJobData(QuarterlyLoadJob.FeedKey, feed.Id)
                .StoreDurably()
                .RequestRecovery(false)
                .Build();
            var cron = _options.CronOf(feed.Id);
            if (!CronExpression.TryParse(cron, out var expression))
            {
                throw new InvalidOperationException($"数据源 {feed.Id} 的调度表达式无效：{cron} (invalid cron expression)。");
            }

            var trigger = TriggerBuilder.Create()
                .WithIdentity($"schedule-{feed.Id}", ScheduleTriggerGroup)
                .ForJob(job)
                .UsingJobData(QuarterlyLoadJob.TriggerKindKey, QuarterlyLoadJob.ScheduleTrigger)
                .StartAt(DateTimeOffset.UtcNow)
                .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(_timeZone).WithMisfireInstruction(
                    _options.CatchUpMissedRuns ? CronTriggerMisfireInstruction.FireAndProceed : CronTriggerMisfireInstruction.DoNothing))
                .WithDescription($"定时：{cron} ({_timeZone.Id})")
                .Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
            await CatchUpAsync(scheduler, feed.Id, expression!.WithTimeZone(_timeZone), cancellationToken);
            if (((IOperableTrigger)trigger).ComputeFirstFireTimeUtc(null) is null)
            {
                // A one-off cron in the past: nothing to schedule, the job stays available for operators.
                _logger.LogWarning("Schedule {Cron} of {Feed} never fires again; only operator runs", cron, feed.Id);
                continue;
            }

            await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// A fire time of the schedule that passed since <see cref="EtlSchedulerOptions.CatchUpSince"/> (the host was down)
    /// runs once now when <see cref="EtlSchedulerOptions.CatchUpMissedRuns"/>: a trigger's schedule starts at the moment
    /// it is stored, so Quartz itself only applies the misfire instruction to fire times missed while it runs.
    /// </summary>
    private async Task CatchUpAsync(IScheduler scheduler, string feed, CronExpression schedule, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (!_options.CatchUpMissedRuns || _options.CatchUpSince is not { } since || schedule.GetNextValidTimeAfter(since) is not { } missed || missed >= now)
        {
            return;
        }

        _logger.LogInformation("Schedule of {Feed} missed {Missed}: loading once now", feed, missed);
        await scheduler.ScheduleJob(TriggerBuilder.Create()
            .WithIdentity($"catch-up-{feed}", ScheduleTriggerGroup)
            .ForJob(JobKeyOf(feed))
            .UsingJobData(QuarterlyLoadJob.TriggerKindKey, QuarterlyLoadJob.ScheduleTrigger)
            .StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .WithDescription($"补跑：错过的定时 {missed:yyyy-MM-dd HH:mm} (UTC)")
            .Build(), cancellationToken: cancellationToken);
    }

    private static TimeZoneInfo FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"未知时区 {id} (time zone not found)。");
        }
    }
}
