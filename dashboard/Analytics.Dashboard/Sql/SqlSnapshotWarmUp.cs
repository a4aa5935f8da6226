using DuckDB.NET.Data;
using Analytics.Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// Keeps the console's snapshot current in the background: made once the first-start loading is done, and again soon
/// after a load commits or a judgement or finding changes, so an analyst's visit finds it ready instead of waiting for
/// the scores, the flags and the copy (seconds on the demo warehouse).
/// </summary>
public sealed class SqlSnapshotWarmUp(SqlSnapshot snapshot, BootstrapState bootstrap, IOptions<SqlConsoleOptions> options, ILogger<SqlSnapshotWarmUp> logger)
    : BackgroundService
{
    // The check reads two counters and the snapshot's first bytes; a few seconds' delay after a change is soon enough.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PrepareInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (bootstrap.Phase != BootstrapPhase.Ready)
            {
                continue;
            }

            try
            {
                await Task.Run(snapshot.EnsureCurrent, stoppingToken);
            }
            catch (Exception ex) when (ex is DuckDBException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // The console then makes it on demand and reports the error itself.
                logger.LogWarning(ex, "Preparing the SQL console snapshot failed: {Message}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
