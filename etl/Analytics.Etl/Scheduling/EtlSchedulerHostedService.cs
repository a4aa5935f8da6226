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
        var shutdown = scheduler.ShutdownAsync(CancellationToken.None);
        var timedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => timedOut.TrySetResult()))
        {
            if (await Task.WhenAny(shutdown, timedOut.Task) == shutdown)
            {
                await shutdown;
                return;
            }
        }

        // The host will not wait any longer: cancel the load so that it rolls back now rather than being killed.
        await scheduler.InterruptRunningAsync(CancellationToken.None);
        await shutdown;
    }
}
