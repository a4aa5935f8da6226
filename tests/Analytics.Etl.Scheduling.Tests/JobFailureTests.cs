using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Quartz;

namespace Analytics.Etl.Scheduling.Tests;

/// <summary>A failed load tells its cause in Chinese on the jobs page (the outcome), in the log and in 装载记录 (etl_run).</summary>
[Collection(DemoDropCollection.Name)]
public sealed class JobFailureTests(DemoDrop drop)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_missing_drop_folder_fails_with_its_path_in_the_outcome_and_in_the_load_records()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-drop-" + Guid.NewGuid().ToString("N"));
        await using var harness = await SchedulerHarness.StartAsync(drop, wrapSources: _ => new FileDropSourceFactory(missing));

        var outcome = await harness.Scheduler.RunNowAsync("assistance", DemoDrop.Last).WaitAsync(Patience);

        var cause = $"数据目录不存在：{missing} (drop folder not found)。";
        Assert.Equal(LoadRunState.Failed, outcome.State);
        Assert.Equal(cause, outcome.Message);
        var run = Assert.Single(harness.Runs());
        Assert.Equal(("assistance", 20243, "operator", "failed"), (run.Feed, run.QuarterKey, run.Trigger, run.Status));
        Assert.Equal(cause, harness.Text($"SELECT message FROM etl_run WHERE run_id = {run.RunId}"));
        Assert.Equal("—", harness.Text($"SELECT transport FROM etl_run WHERE run_id = {run.RunId}"));
    }

    [Fact]
    public async Task An_unexpected_exception_is_named_in_Chinese_instead_of_Quartz_unhandled_exception()
    {
        await using var harness = await SchedulerHarness.StartAsync(drop, wrapSources: _ => new ThrowingSources());

        var outcome = await harness.Scheduler.RunNowAsync("verification", DemoDrop.Last).WaitAsync(Patience);

        Assert.Equal(LoadRunState.Failed, outcome.State);
        Assert.Equal("装载失败：程序出错（InvalidOperationException：连接配置缺失）。", outcome.Message);
        Assert.Equal(outcome.Message, harness.Text("SELECT message FROM etl_run WHERE feed = 'verification' AND status = 'failed'"));
    }

    [Fact]
    public async Task An_unexpected_exception_inside_the_job_records_a_failed_run_and_propagates_to_Quartz()
    {
        // "Today" is just after 2024Q3 closed: the job asks the source for its quarters to see whether 2024Q3 is in.
        await using var harness = await SchedulerHarness.StartAsync(drop, now: new DateTimeOffset(2024, 10, 6, 9, 0, 0, TimeSpan.FromHours(8)),
            wrapSources: _ => new SourcesWithoutQuarters());
        var seen = new FailureListener();
        (await harness.Scheduler.Scheduler()).ListenerManager.AddJobListener(seen, [Matchers.AllJobs()]);

        var outcome = await harness.Scheduler.RunNowAsync("verification").WaitAsync(Patience);

        const string cause = "装载失败：程序出错（ArgumentException：季度清单损坏）。";
        Assert.Equal((LoadRunState.Failed, new Quarter(2024, 3), cause), (outcome.State, outcome.Quarter, outcome.Message));
        var run = Assert.Single(harness.Runs());
        Assert.Equal(("verification", 20243, "operator", "failed"), (run.Feed, run.QuarterKey, run.Trigger, run.Status));
        Assert.Equal(cause, harness.Text($"SELECT message FROM etl_run WHERE run_id = {run.RunId}"));
        var propagated = await seen.Failure.WaitAsync(Patience);
        Assert.Equal(cause, propagated.Message);
        Assert.IsType<ArgumentException>(propagated.InnerException);
    }

    [Theory]
    [InlineData(typeof(DirectoryNotFoundException), "装载失败：找不到文件夹（x）。")]
    [InlineData(typeof(UnauthorizedAccessException), "装载失败：没有读写权限（x）。")]
    [InlineData(typeof(IOException), "装载失败：读写文件出错（x）。")]
    [InlineData(typeof(ArgumentException), "装载失败：程序出错（ArgumentException：x）。")]
    public void Each_kind_of_failure_reads_in_Chinese(Type type, string expected) =>
        Assert.Equal(expected, LoadFailure.Describe((Exception)Activator.CreateInstance(type, "x")!));

    /// <summary>A source whose quarter listing throws what no catch expected.</summary>
    private sealed class SourcesWithoutQuarters : IExtractSourceFactory
    {
        public IExtractSource Create(FeedSpec feed) => new BrokenListing();

        private sealed class BrokenListing : IExtractSource
        {
            public string Transport => "file";
            public string Origin => "broken";
            public IReadOnlyList<Quarter> QuartersOf(FeedSpec feed) => throw new ArgumentException("季度清单损坏");
            public IReadOnlyList<ExtractFile> Open(FeedSpec feed, Quarter quarter) => throw new ArgumentException("季度清单损坏");
        }
    }

    /// <summary>What Quartz hands its listeners when a job fails.</summary>
    private sealed class FailureListener : IJobListener
    {
        private readonly TaskCompletionSource<JobExecutionException> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "test-failures";

        public Task<JobExecutionException> Failure => _failure.Task;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (jobException is not null)
            {
                _failure.TrySetResult(jobException);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A source configuration that throws what no catch expected.</summary>
    private sealed class ThrowingSources : IExtractSourceFactory
    {
        public IExtractSource Create(FeedSpec feed) => throw new InvalidOperationException("连接配置缺失");
    }
}
