using Microsoft.Extensions.Hosting;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// Runs the load scheduler with the host: started with it, and on shutdown it stops firing triggers and
/// waits for a running load to finish. If the host's shutdown timeout runs out first, the running load
/// is interrupted and rolls back, so the warehouse is left as before that load.
/// </summary>
public sealed class EtlSchedulerHostedService(EtlScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => scheduler.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var interrupt = cancellationToken.Register(() => _ = scheduler.InterruptRunningAsync(CancellationToken.None));
        await scheduler.ShutdownAsync(CancellationToken.None);
    }
}
