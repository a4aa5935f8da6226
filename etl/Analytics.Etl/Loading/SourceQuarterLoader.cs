using System.Diagnostics;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Validation;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;

namespace Analytics.Etl.Loading;

/// <summary>
/// Loads one feed for one quarter in one transaction: stage each file, validate and pseudonymise it
/// in SQL, quarantine what is bad, replace the quarter's facts, and log the run. Either all of it
/// commits or none of it does, so a failure or a kill leaves the warehouse as it was.
/// </summary>
public sealed class SourceQuarterLoader(WarehouseDatabase warehouse, PseudonymKey key)
{
    /// <summary>How far a reload without a manifest may shrink a loaded feed-quarter, and whether the operator allowed more.</summary>
    public ShrinkGuard ShrinkGuard { get; init; } = new();

    /// <summary>Loads every quarter of every catalog feed the source holds, feed by feed (demo warehouses, benchmarks, tests).</summary>
    public IReadOnlyList<LoadResult> LoadAll(IExtractSource source, string trigger)
    {
        using var open = warehouse.HoldOpen();
        return SourceCatalog.Feeds.SelectMany(feed => source.QuartersOf(feed).Select(quarter => Load(source, feed, quarter, trigger))).ToList();
    }

    /// <summary>
    /// Loads the feed's extracts for the quarter. Every failure is logged as a failed run and rethrown: cancellation and a
    /// warehouse configuration error as they are, anything else as an <see cref="EtlException"/> with the Chinese cause.
    /// A storage fault is the one exception: nothing more is written into a damaged file, not even the failed run.
    /// </summary>
    public LoadResult Load(IExtractSource source, FeedSpec feed, Quarter quarter, string trigger,
        IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var connection = ConnectOrStop(feed, quarter);
        long? journal = null;
        try
        {
            // The run's row is committed before the load's transaction: a kill leaves it 'running', which etl status shows as 中断.
            journal = RunLog.Start(connection, NextRunId(connection), feed.Id, quarter, source, trigger, started);
            if (quarter > Quarter.Of(DateOnly.FromDateTime(DateTime.Today)))
            {
                throw new EtlException($"{feed.Id}/{quarter}：{quarter} 是未来季度，不能装载 (a future quarter)。");
            }

            var opening = Stopwatch.StartNew();
            var files = source.Open(feed, quarter);
            var warnings = source.Strays(feed, quarter);
            // Registered before the transaction: committed at once, they are known to every later load without a lookup.
            key.Register(connection);
            CitizenIdFunction.Register(connection);
            using var transaction = connection.BeginTransaction();
            // Inside the transaction: a refused load does not tie the warehouse to a key it never used.
            WarehouseDatabase.CheckPseudonymKey(connection, key);
            var runId = journal.Value;
            var replaced = PreviousRun(connection, feed.Id, quarter);
            var openMs = opening.ElapsedMilliseconds;
            var load = new FeedQuarterLoad(connection, key, feed, quarter, runId, replaced, ShrinkGuard, progress, cancellationToken);
            var counts = load.Run(files);
            var result = LoadResult.Loaded(runId, feed.Id, quarter, counts, files.Count, clock.Elapsed, replaced,
                RunLog.Message(load.Notes.Prepend(Summary(counts)), warnings)) with
            {
                Warnings = warnings,
                Steps = load.StepMilliseconds.Prepend(new KeyValuePair<string, long>("open", openMs)).ToDictionary(),
            };
            if (result.RowsRead != result.RowsLoaded + result.RowsQuarantined)
            {
                throw new InvalidOperationException($"行数不平衡 (read {result.RowsRead} ≠ loaded {result.RowsLoaded} + quarantined {result.RowsQuarantined})");
            }

            var logging = Stopwatch.StartNew();
            RunLog.Finish(connection, result, started);
            var logMs = logging.ElapsedMilliseconds;
            var committing = Stopwatch.StartNew();
            transaction.Commit();
            warehouse.MarkDataChanged();
            return result with
            {
                Duration = clock.Elapsed,
                Steps = result.Steps.Append(new KeyValuePair<string, long>("run log", logMs))
                    .Append(new KeyValuePair<string, long>("commit", committing.ElapsedMilliseconds)).ToDictionary(),
            };
        }
        catch (Exception ex) when (StorageFault.Is(ex))
        {
            // Nothing more is written into a damaged file, not even the failure's own log row.
            throw new WarehouseStorageException(StorageFault.Message($"{feed.Id}/{quarter}", ex), ex);
        }
        catch (Exception ex)
        {
            // The one failure boundary of a load: whatever the exception, the transaction (if any) is rolled back by now and
            // the run is recorded as failed, with its cause in Chinese, before the failure goes on to the caller.
            var message = LoadFailure.Describe(feed.Id, quarter, ex);
            TryRecordFailure(connection, LoadResult.Failed(feed.Id, quarter, clock.Elapsed, message), journal, source, trigger, started);
            if (ex is SourceUnavailableException)
            {
                throw new SourceUnavailableException(message, ex);
            }

            if (ex is OperationCanceledException or WarehouseConfigurationException or EtlException)
            {
                throw;
            }

            throw new EtlException(message, ex);
        }
        finally
        {
            if (journal is { } runId)
            {
                RunLog.Release(runId);
            }
        }
    }

    private DuckDBConnection ConnectOrStop(FeedSpec feed, Quarter quarter)
    {
        try
        {
            return warehouse.Connect();
        }
        catch (DuckDBException ex) when (StorageFault.Is(ex))
        {
            throw new WarehouseStorageException(StorageFault.Message($"{feed.Id}/{quarter}", ex), ex);
        }
    }

    private static string Summary(IReadOnlyList<FileLoadCounts> counts) =>
        string.Join("；", counts.Select(c => $"{c.File}: 读 {c.Read} 载 {c.Loaded} 隔离 {c.Quarantined}"));

    internal static long NextRunId(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        // A nextval outside a writing transaction is not in the write-ahead log: after a kill the sequence may restart
        // below the journalled runs, so the id also follows the log itself.
        command.CommandText = "SELECT greatest(nextval('etl_run_id'), (SELECT coalesce(max(run_id), 0) + 1 FROM etl_run))";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long? PreviousRun(DuckDBConnection connection, string feed, Quarter quarter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(run_id) FROM etl_run WHERE feed = $1 AND quarter_key = $2 AND status = 'succeeded'";
        command.Parameters.AddValue(feed);
        command.Parameters.AddValue(QuarterKey(quarter));
        return command.ExecuteScalar() is long id ? id : null;
    }

    private static void TryRecordFailure(DuckDBConnection connection, LoadResult failed, long? journal, IExtractSource source, string trigger, DateTime started)
    {
        try
        {
            var runId = journal ?? RunLog.Start(connection, NextRunId(connection), failed.Feed, failed.Quarter, source, trigger, started);
            RunLog.Finish(connection, failed with { RunId = runId }, started);
            RunLog.Release(runId);
        }
        catch (DuckDBException)
        {
            // The warehouse itself is unusable (e.g. locked); the exception being rethrown says why.
        }
    }

    public static int QuarterKey(Quarter quarter) => quarter.Year * 10 + quarter.Number;
}
