using System.Collections.Concurrent;
using System.Globalization;
using Analytics.Etl.Scheduling;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Quartz;

namespace Analytics.Etl.Scheduling.Tests;

[Collection(DemoDropCollection.Name)]
public sealed class SchedulingTests(DemoDrop drop)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>"Today" for the job: just after 2024Q3 closed, so the latest closed quarter is the demo's 2024Q3.</summary>
    private static readonly DateTimeOffset AfterQ3Closed = new(2024, 10, 6, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task TriggerNow_fires_the_job_and_the_warehouse_has_the_load_as_an_operator_run()
    {
        await using var harness = await SchedulerHarness.StartAsync(drop);
        // Held open as the host holds it, so that only the job's own checkpoint (not closing the file) can empty the log.
        using var holder = harness.Warehouse.Connect();

        var triggered = await harness.Scheduler.TriggerNow("assistance", DemoDrop.Last);
        var outcome = await triggered.Completion.WaitAsync(Patience);

        Assert.Equal(LoadRunState.Succeeded, outcome.State);
        var log = new FileInfo(harness.Warehouse.Path + ".wal");
        Assert.True(!log.Exists || log.Length == 0, "the load's write-ahead log was folded into the file after the load");
        Assert.Equal(QuarterlyLoadJob.OperatorTrigger, outcome.Trigger);
        Assert.NotNull(outcome.Result);
        var run = Assert.Single(harness.Runs());
        Assert.Equal(("assistance", 20243, "operator", "succeeded"), (run.Feed, run.QuarterKey, run.Trigger, run.Status));
        Assert.Equal(outcome.Result.RowsLoaded, run.RowsLoaded);
        Assert.True(harness.Scalar("SELECT count(*) FROM fact_assistance_payments WHERE quarter_key = 20243") > 0);
    }

    [Fact]
    public async Task Without_a_quarter_the_job_loads_the_latest_closed_quarter()
    {
        await using var harness = await SchedulerHarness.StartAsync(drop, now: AfterQ3Closed);

        var outcome = await harness.Scheduler.RunNowAsync("verification").WaitAsync(Patience);

        Assert.Equal(LoadRunState.Succeeded, outcome.State);
        Assert.Equal(new Quarter(2024, 3), outcome.Quarter);
        Assert.Equal(20243, Assert.Single(harness.Runs()).QuarterKey);
    }

    [Fact]
    public async Task Latest_closed_quarter_not_yet_submitted_ends_quietly_without_a_run()
    {
        // Today's real date: the latest closed quarter is long after the demo drop, i.e. not submitted.
        await using var harness = await SchedulerHarness.StartAsync(drop);

        var outcome = await harness.Scheduler.RunNowAsync("assistance").WaitAsync(Patience);

        Assert.Equal(LoadRunState.Skipped, outcome.State);
        Assert.Contains("尚未报送", outcome.Message);
        Assert.Empty(harness.Runs());
        Assert.True(harness.Scheduler.IsStarted);
    }

    [Fact]
    public async Task A_cron_trigger_in_the_near_future_fires_by_itself()
    {
        var fireAt = NextWholeSecond(DateTimeOffset.UtcNow.AddSeconds(1.5));
        await using var harness = await SchedulerHarness.StartAsync(drop, options =>
        {
            options.Feeds = ["verification"];
            options.CronByFeed["verification"] = OneOffCron(fireAt);
        }, now: AfterQ3Closed);

        var jobs = await harness.Scheduler.GetJobs();
        Assert.Equal(fireAt, Assert.Single(jobs).NextFireTime);

        var lastRun = await WaitForLastRun(harness, "verification");
        Assert.Equal(LoadRunState.Succeeded, lastRun.State);
        var run = Assert.Single(harness.Runs());
        Assert.Equal(("verification", 20243, "schedule"), (run.Feed, run.QuarterKey, run.Trigger));
        Assert.True(run.StartedAt >= fireAt.UtcDateTime.AddMilliseconds(-50), $"started {run.StartedAt:O} before {fireAt:O}");
        var after = Assert.Single(await harness.Scheduler.GetJobs());
        Assert.Null(after.NextFireTime);
        Assert.NotNull(after.PreviousFireTime);
    }

    [Fact]
    public async Task A_misfired_schedule_fires_once_when_catching_up()
    {
        // The quarterly fire time passed an hour ago while the "host was down"; the schedule starts two hours back.
        var missed = NextWholeSecond(DateTimeOffset.UtcNow.AddHours(-1));
        await using var harness = await SchedulerHarness.StartAsync(drop, options =>
        {
            options.Feeds = ["verification"];
            options.CronByFeed["verification"] = OneOffCron(missed);
            options.CatchUpSince = DateTimeOffset.UtcNow.AddHours(-2);
            options.CatchUpMissedRuns = true;
        }, now: AfterQ3Closed);

        var lastRun = await WaitForLastRun(harness, "verification");
        Assert.Equal(LoadRunState.Succeeded, lastRun.State);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var run = Assert.Single(harness.Runs());
        Assert.Equal("schedule", run.Trigger);
        Assert.True(run.StartedAt > missed.UtcDateTime.AddMinutes(30), "the run happened now, not at the missed time");
        Assert.Null(Assert.Single(await harness.Scheduler.GetJobs()).NextFireTime);
    }

    [Fact]
    public async Task A_misfired_schedule_does_not_fire_when_not_catching_up()
    {
        var missed = NextWholeSecond(DateTimeOffset.UtcNow.AddHours(-1));
        await using var harness = await SchedulerHarness.StartAsync(drop, options =>
        {
            options.Feeds = ["verification"];
            options.CronByFeed["verification"] = OneOffCron(missed);
            options.CatchUpSince = DateTimeOffset.UtcNow.AddHours(-2);
            options.CatchUpMissedRuns = false;
        }, now: AfterQ3Closed);

        // Before the scheduler applies the misfire the trigger still points at the missed time; afterwards at nothing.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await harness.Scheduler.GetJobs()).Single().NextFireTime is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the misfire was never handled");
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(harness.Runs());
        Assert.Null((await harness.Scheduler.GetJobs()).Single().LastRun);
    }

    [Fact]
    public async Task Two_operator_triggers_for_the_same_feed_never_run_at_the_same_time()
    {
        await using var harness = await SchedulerHarness.StartAsync(drop, options => options.MaxConcurrentLoads = 4);
        var counter = new ConcurrencyCounter();
        var quartz = await harness.Scheduler.Scheduler();
        quartz.ListenerManager.AddJobListener(counter, [Matchers.AllJobs()]);

        var requests = new[] { DemoDrop.First, DemoDrop.Last, DemoDrop.First };
        var triggered = new List<TriggeredLoad>();
        foreach (var quarter in requests)
        {
            triggered.Add(await harness.Scheduler.TriggerNow("verification", quarter));
        }

        var outcomes = await Task.WhenAll(triggered.Select(t => t.Completion)).WaitAsync(Patience);

        Assert.All(outcomes, o => Assert.Equal(LoadRunState.Succeeded, o.State));
        Assert.Equal(1, counter.MaxConcurrent);
        var runs = harness.Runs().OrderBy(r => r.StartedAt).ToList();
        Assert.Equal(3, runs.Count);
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(runs[i].StartedAt >= runs[i - 1].FinishedAt, $"run {runs[i].RunId} started before run {runs[i - 1].RunId} finished");
        }

        // The repeated quarter replaced the first load of it: one quarter's worth of rows, not two.
        var firstLoad = outcomes[0].Result!.RowsLoaded;
        Assert.Equal(firstLoad, harness.Scalar("SELECT count(*) FROM fact_verification_requests WHERE quarter_key = 20242")
            + harness.Scalar("SELECT count(*) FROM fact_verification_verifiers WHERE quarter_key = 20242"));
    }

    [Fact]
    public async Task A_quarter_without_submission_records_a_failed_run_and_the_scheduler_keeps_loading_other_feeds()
    {
        await using var harness = await SchedulerHarness.StartAsync(drop);

        var failed = await harness.Scheduler.RunNowAsync("assistance", new Quarter(2023, 1)).WaitAsync(Patience);
        var other = await harness.Scheduler.RunNowAsync("verification", DemoDrop.First).WaitAsync(Patience);

        Assert.Equal(LoadRunState.Failed, failed.State);
        Assert.Contains("未找到该季度的报送目录", failed.Message);
        Assert.Equal(LoadRunState.Succeeded, other.State);
        Assert.True(harness.Scheduler.IsStarted);
        var runs = harness.Runs();
        Assert.Contains(runs, r => r is { Feed: "assistance", QuarterKey: 20231, Status: "failed", Trigger: "operator" });
        Assert.Contains(runs, r => r is { Feed: "verification", QuarterKey: 20242, Status: "succeeded" });
        var jobs = await harness.Scheduler.GetJobs();
        Assert.Equal(LoadRunState.Failed, jobs.Single(j => j.Feed == "assistance").LastRun?.State);
        Assert.Equal(LoadRunState.Succeeded, jobs.Single(j => j.Feed == "verification").LastRun?.State);
    }

    [Fact]
    public async Task GetJobs_lists_one_job_per_feed_with_the_next_quarterly_fire_time()
    {
        await using var harness = await SchedulerHarness.StartAsync(drop, options => options.CronByFeed["ledger"] = "0 0 3 10 1,4,7,10 ?");

        var jobs = await harness.Scheduler.GetJobs();

        Assert.Equal(SourceCatalog.Feeds.Select(f => f.Id), jobs.Select(j => j.Feed));
        Assert.All(jobs, job =>
        {
            Assert.Equal($"load-{job.Feed}", job.JobKey);
            Assert.NotNull(job.NextFireTime);
            Assert.Null(job.PreviousFireTime);
            Assert.Null(job.LastRun);
            Assert.False(job.IsRunning);
            var local = TimeZoneInfo.ConvertTime(job.NextFireTime.Value, Shanghai);
            Assert.Contains(local.Month, new[] { 1, 4, 7, 10 });
            Assert.Equal(job.Feed == "ledger" ? (10, 3) : (5, 2), (local.Day, local.Hour));
            Assert.Equal((0, 0), (local.Minute, local.Second));
            Assert.True(job.NextFireTime > DateTimeOffset.UtcNow && job.NextFireTime < DateTimeOffset.UtcNow.AddDays(93));
        });
        Assert.Equal(EtlSchedulerOptions.DefaultCron, jobs.Single(j => j.Feed == "assistance").Cron);
    }

    [Fact]
    public async Task Stopping_the_host_waits_for_the_running_load_to_finish()
    {
        var harness = await SchedulerHarness.StartAsync(drop);
        TriggeredLoad triggered;
        try
        {
            triggered = await harness.Scheduler.TriggerNow("assistance", DemoDrop.Last);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!(await harness.Scheduler.GetJobs()).Single(j => j.Feed == "assistance").IsRunning && !triggered.Completion.IsCompleted)
            {
                Assert.True(DateTime.UtcNow < deadline, "the load never started");
                await Task.Delay(10);
            }

            await harness.Host.StopAsync(CancellationToken.None);

            // The host's stop returned only after the load had finished and committed.
            Assert.True(triggered.Completion.IsCompletedSuccessfully);
            Assert.Equal(LoadRunState.Succeeded, (await triggered.Completion).State);
            Assert.Equal("succeeded", Assert.Single(harness.Runs()).Status);
            await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Scheduler.TriggerNow("assistance"));
        }
        finally
        {
            await harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task TriggerNow_refuses_an_unknown_feed()
    {
        await using var harness = await SchedulerHarness.StartAsync(drop, options => options.Feeds = ["verification"]);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Scheduler.TriggerNow("assistance"));
    }

    private static async Task<LoadRunOutcome> WaitForLastRun(SchedulerHarness harness, string feed)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = (await harness.Scheduler.GetJobs()).Single(j => j.Feed == feed);
            if (job.LastRun is { } lastRun)
            {
                return lastRun;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{feed} never ran");
            await Task.Delay(25);
        }
    }

    private static DateTimeOffset NextWholeSecond(DateTimeOffset time) =>
        new DateTimeOffset(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset).AddSeconds(1).ToUniversalTime();

    /// <summary>A cron expression (in the scheduler's time zone, Asia/Shanghai) that fires exactly once, at <paramref name="time"/>.</summary>
    private static string OneOffCron(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, Shanghai);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Second} {local.Minute} {local.Hour} {local.Day} {local.Month} ? {local.Year}");
    }

    private sealed class ConcurrencyCounter : IJobListener
    {
        private int _running;
        private int _max;

        public string Name => "test-concurrency-counter";

        public int MaxConcurrent => Volatile.Read(ref _max);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Interlocked.Decrement(ref _running);
            return ValueTask.CompletedTask;
        }
    }
}
