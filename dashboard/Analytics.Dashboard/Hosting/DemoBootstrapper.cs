using DuckDB.NET.Data;
using Analytics.Dashboard.Configuration;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Etl.Scheduling;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// First start in demo mode: loads every feed and quarter of the demo drop not loaded yet through the scheduler (so loads
/// never overlap with scheduled or operator runs), then records the demo's 视情给分 and 督查发现. The drop itself is
/// generated before the host starts (<c>./run</c> runs <c>analytics demo generate</c>), so the production host does not
/// carry the demo generator. Without demo mode there is nothing to do and the host is ready at once.
/// </summary>
public sealed class DemoBootstrapper(
    IOptions<AnalyticsOptions> options,
    EtlScheduler scheduler,
    WarehouseDatabase warehouse,
    BootstrapState state,
    ILogger<DemoBootstrapper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DemoMode)
        {
            state.Set(BootstrapPhase.Ready);
            return;
        }

        try
        {
            var folder = Path.GetFullPath(settings.SourceFolder);
            if (!File.Exists(Path.Combine(folder, "manifest.json")))
            {
                logger.LogWarning("Demo mode, but {Folder} holds no demo drop (manifest.json); ./run generates it with `./analytics demo generate`", folder);
            }

            state.Set(BootstrapPhase.Loading);
            await LoadMissingAsync(folder, stoppingToken);
            await Task.Run(SeedJudgements, stoppingToken);
            state.Set(BootstrapPhase.Ready);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Demo start-up loading stopped by shutdown");
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or FormatException
            or Analytics.Etl.EtlException or DuckDBException or WarehouseConfigurationException)
        {
            logger.LogError(ex, "Demo start-up failed: {Message}", ex.Message);
            state.Set(BootstrapPhase.Ready);
        }
    }

    private void SeedJudgements()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var connection = warehouse.Connect();
        var recorded = DemoJudgements.SeedIfEmpty(connection);
        if (recorded > 0)
        {
            logger.LogInformation("Demo start-up: {Count} 视情给分 recorded by {Evaluator} in {Elapsed} ms", recorded, DemoJudgements.Evaluator, clock.ElapsedMilliseconds);
        }

        var (findings, closed) = DemoFindings.SeedIfEmpty(connection);
        if (closed > 0)
        {
            logger.LogInformation("Demo start-up: {Findings} 督查发现 recorded and {Closed} inspections closed by {Evaluator}", findings, closed, DemoJudgements.Evaluator);
        }
    }

    private async Task LoadMissingAsync(string folder, CancellationToken stoppingToken)
    {
        var source = new FileDropSource(folder);
        HashSet<(string Feed, int QuarterKey)> loaded;
        using (var connection = warehouse.Connect())
        {
            loaded = RunLog.Loaded(connection);
        }

        var work = scheduler.Feeds
            .SelectMany(feed => source.QuartersOf(feed).Select(quarter => (Feed: feed.Id, Quarter: quarter)))
            .Where(w => !loaded.Contains((w.Feed, SourceQuarterLoader.QuarterKey(w.Quarter))))
            .ToList();
        logger.LogInformation("Demo start-up: {Count} feed quarters to load from {Folder}", work.Count, folder);
        int done = 0, failed = 0;
        state.Progress(done, work.Count, failed);
        foreach (var (feed, quarter) in work)
        {
            var outcome = await scheduler.RunNowAsync(feed, quarter, stoppingToken);
            done++;
            if (outcome.State != LoadRunState.Succeeded)
            {
                failed++;
                logger.LogWarning("Demo start-up load {Feed} {Quarter} ended {State}: {Message}", feed, quarter, outcome.State, outcome.Message);
            }

            state.Progress(done, work.Count, failed);
        }

        logger.LogInformation("Demo start-up loading finished: {Done} loads, {Failed} failed", done, failed);
    }
}
