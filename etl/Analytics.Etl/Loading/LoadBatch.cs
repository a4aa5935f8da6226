using Analytics.Etl.Extraction;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;

namespace Analytics.Etl.Loading;

/// <summary>
/// Loads that `etl status` can follow while they hold the warehouse: every load path (the command line's batch, the
/// host's scheduled and 立即运行 jobs) runs its feed-quarters through this, which keeps <see cref="LoadProgressFile"/>
/// beside the warehouse with who loads (<see cref="LoadHolder"/>), which feed-quarter and how many are done.
/// </summary>
public sealed class LoadBatch : IDisposable
{
    private readonly SourceQuarterLoader _loader;
    private readonly LoadProgressFile _progress;

    private LoadBatch(SourceQuarterLoader loader, LoadProgressFile progress)
    {
        _loader = loader;
        _progress = progress;
    }

    /// <summary>Starts a batch of <paramref name="total"/> feed-quarters into <paramref name="warehouse"/>.</summary>
    public static LoadBatch Begin(WarehouseDatabase warehouse, SourceQuarterLoader loader, string holderKind, int total)
    {
        using var connection = warehouse.Connect();
        return new LoadBatch(loader, LoadProgressFile.Begin(warehouse.Path, holderKind, total, RunLog.Recent(connection, 10)));
    }

    /// <summary>Loads one feed-quarter (<see cref="SourceQuarterLoader.Load"/>, its failures included) and counts it as done.</summary>
    public LoadResult Load(IExtractSource source, FeedSpec feed, Quarter quarter, string trigger, CancellationToken cancellationToken = default)
    {
        _progress.Enter(feed.Id, quarter);
        LoadResult? result = null;
        try
        {
            result = _loader.Load(source, feed, quarter, trigger, _progress, cancellationToken);
            return result;
        }
        finally
        {
            _progress.Finished(result);
        }
    }

    /// <summary>The batch ended: the progress file goes, so `etl status` no longer reports a load in progress.</summary>
    public void Dispose() => _progress.Dispose();
}

/// <summary>Who holds the warehouse for a batch of loads, as `etl status` and the lock message name it.</summary>
public static class LoadHolder
{
    public const string CommandLine = "命令行装载 etl run";

    public const string HostSchedule = "主机定时装载 ./run";

    public const string HostOperator = "主机立即运行 ./run";
}
