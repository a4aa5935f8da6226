using DuckDB.NET.Data;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Hosting;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Leadership;

/// <summary>
/// Once the first-start loading is done, and again after every load that commits, computes the default scorecard in
/// the background: the metric tables are refreshed and the anomaly flags (seconds of fact scans) computed then, not
/// while a leader waits for the page. Then it trains the machine-learned outputs (LearnedRefresh, seconds) without
/// holding the pages' gate, so a page opened meanwhile is served at once and says the model projections are being
/// computed; when they are stored, it computes the default scorecard again with them.
/// </summary>
public sealed class LeadershipWarmUp(
    LeadershipScores scores,
    WarehouseDatabase warehouse,
    BootstrapState bootstrap,
    ILogger<LeadershipWarmUp> logger) : BackgroundService
{
    // Loads are quarterly; noticing one within seconds is soon enough, and the check reads only a counter.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? warmed = null;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var version = warehouse.DataVersion;
            if (bootstrap.Phase != BootstrapPhase.Ready || version == warmed)
            {
                continue;
            }

            try
            {
                await PrecomputeAsync(stoppingToken);
                var learned = await scores.TryTrainLearnedOutputsAsync(logger, stoppingToken);
                if (learned is not null)
                {
                    await PrecomputeAsync(stoppingToken);
                }

                // One line per data version, once the scorecard with the new outputs is computed: `bench web` waits for it.
                logger.LogInformation("Learned outputs ready: {What}", learned is null ? "none trained (current already, or failed: see above)"
                    : $"trained in {(long)learned.Elapsed.TotalMilliseconds} ms ({learned.Projections} district projections, {learned.CombinationFlags} combination flags)");
            }
            catch (Exception ex) when (ex is DuckDBException or InvalidOperationException or Analytics.Metrics.RubricInputException)
            {
                logger.LogWarning(ex, "Precomputing the leadership scorecard failed: {Message}", ex.Message);
            }

            // Also after a failure: the pages then compute on demand and report the error themselves.
            warmed = version;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PrecomputeAsync(CancellationToken stoppingToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rubric = scores.ResolveRubric(null, DistrictScope.City);
        var card = await Task.Run(() => scores.Scorecard(rubric, scores.ResolvePeriod(rubric, null), DistrictScope.City), stoppingToken);
        logger.LogInformation("Leadership scorecard {Rubric} {Period} precomputed in {Elapsed} ms ({Flags} anomaly flags)",
            rubric.Id, card.Period, clock.ElapsedMilliseconds, card.Flags.Count);
    }
}
