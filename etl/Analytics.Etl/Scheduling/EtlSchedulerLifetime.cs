using Microsoft.Extensions.Hosting;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// What the host's start and stop add to Quartz's own hosted service for the loads. Registered before it, this starts
/// first (the jobs and schedules are in place when Quartz starts firing) and stops after it. Quartz's stop waits for a
/// running load until the host's shutdown timeout; when that runs out the load is interrupted, so it rolls back now
/// rather than being killed, and this stop waits for the rollback before the warehouse is closed.
/// </summary>
public sealed class EtlSchedulerLifetime(EtlScheduler scheduler) : IHostedLifecycleService
{
    private CancellationTokenRegistration _timeout;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => scheduler.RegisterAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Before any service stops: the host's shutdown token fires when its timeout runs out.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _timeout = cancellationToken.Register(() => _ = scheduler.InterruptRunningAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await scheduler.WhenNoLoadRunsAsync();
        await _timeout.DisposeAsync();
        scheduler.Stopped();
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
