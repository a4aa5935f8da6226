using Analytics.Etl.Scheduling;

namespace Analytics.Etl.Scheduling.Tests;

[Collection(DemoDropCollection.Name)]
public sealed class CancellationTests(DemoDrop drop)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_interrupted_load_honours_the_cancellation_token_and_leaves_the_warehouse_unchanged()
    {
        using var gate = new GatedSources(new FileDropSourceFactory(drop.Root));
        await using var harness = await SchedulerHarness.StartAsync(drop, wrapSources: _ => gate);

        var triggered = await harness.Scheduler.TriggerNow("verification", DemoDrop.First);
        await gate.WaitUntilLoadingAsync();
        await harness.Scheduler.InterruptRunningAsync();
        gate.Release();
        var outcome = await triggered.Completion.WaitAsync(Patience);

        Assert.Equal(LoadRunState.Cancelled, outcome.State);
        var run = Assert.Single(harness.Runs());
        Assert.Equal("failed", run.Status);
        Assert.Equal(0, harness.Scalar("SELECT count(*) FROM fact_verification_requests"));
        Assert.True(harness.Scheduler.IsStarted);
    }

    [Fact]
    public async Task A_host_that_stops_waiting_interrupts_the_running_load()
    {
        using var gate = new GatedSources(new FileDropSourceFactory(drop.Root));
        await using var harness = await SchedulerHarness.StartAsync(drop, wrapSources: _ => gate);
        var triggered = await harness.Scheduler.TriggerNow("verification", DemoDrop.First);
        await gate.WaitUntilLoadingAsync();

        using var hostTimeout = new CancellationTokenSource();
        var stopping = harness.Host.StopAsync(hostTimeout.Token);
        Assert.False(stopping.IsCompleted, "stop waits for the running load");
        await hostTimeout.CancelAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!harness.Scheduler.Running.All(c => c.CancellationToken.IsCancellationRequested))
        {
            Assert.True(DateTime.UtcNow < deadline, "the running load was never interrupted");
            await Task.Delay(10);
        }

        gate.Release();
        await stopping.WaitAsync(Patience);

        Assert.Equal(LoadRunState.Cancelled, (await triggered.Completion).State);
        Assert.Equal("failed", Assert.Single(harness.Runs()).Status);
        Assert.False(harness.Scheduler.IsStarted);
    }
}
