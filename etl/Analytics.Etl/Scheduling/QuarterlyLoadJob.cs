using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// Loads one feed for one quarter. With no quarter in the job data it loads the latest closed quarter
/// (the one before today's); when that quarter has not been submitted yet it logs and ends quietly.
/// One run per feed at a time: DuckDB has one writer, and two loads of a feed would replace each other's facts.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QuarterlyLoadJob(
    IExtractSourceFactory sources,
    WarehouseDatabase warehouse,
    PseudonymKey key,
    ILogger<QuarterlyLoadJob> logger,
    TimeProvider clock) : IJob
{
    /// <summary>Feed id (<c>assistance</c>, <c>ledger</c>, ...); set on the job.</summary>
    public const string FeedKey = "feed";

    /// <summary>Quarter as <c>2024Q3</c>; optional, set on an operator's trigger.</summary>
    public const string QuarterKey = "quarter";

    /// <summary><see cref="ScheduleTrigger"/> or <see cref="OperatorTrigger"/>; written to etl_run.trigger.</summary>
    public const string TriggerKindKey = "trigger-kind";

    public const string ScheduleTrigger = "schedule";
    public const string OperatorTrigger = "operator";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        Run(context, cancellationToken);
        return ValueTask.CompletedTask;
    }

    private void Run(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var data = context.MergedJobDataMap;
        var trigger = data.ContainsKey(TriggerKindKey) ? data.GetString(TriggerKindKey) ?? ScheduleTrigger : ScheduleTrigger;
        var feedId = data.GetString(FeedKey);
        var feed = SourceCatalog.Feeds.FirstOrDefault(f => f.Id == feedId);
        if (feed is null)
        {
            Fail(context, new LoadRunOutcome(feedId ?? "?", null, LoadRunState.Failed, trigger, started, clock.GetUtcNow(),
                $"未知数据源 {feedId} (unknown feed)。", null), null);
            return;
        }

        var explicitQuarter = data.ContainsKey(QuarterKey) ? data.GetString(QuarterKey) : null;
        Quarter quarter;
        if (!string.IsNullOrEmpty(explicitQuarter))
        {
            if (!Quarter.TryParse(explicitQuarter, out quarter))
            {
                Fail(context, new LoadRunOutcome(feed.Id, null, LoadRunState.Failed, trigger, started, clock.GetUtcNow(),
                    $"季度格式错误：{explicitQuarter}（应为 2024Q3）", null), null);
                return;
            }
        }
        else
        {
            quarter = Quarter.Of(DateOnly.FromDateTime(clock.GetLocalNow().DateTime)).Previous();
        }

        var loading = false;
        try
        {
            var source = sources.Create(feed);
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrEmpty(explicitQuarter) && !source.QuartersOf(feed).Contains(quarter))
            {
                // The default run came before the submission: normal, the operator or the next run loads it.
                var message = $"{feed.Id}/{quarter}：尚未报送，本次不装载 (not submitted yet; nothing loaded)。";
                logger.LogWarning("Scheduled load of {Feed} {Quarter} skipped: no submission yet in {Origin}", feed.Id, quarter, source.Origin);
                context.Result = new LoadRunOutcome(feed.Id, quarter, LoadRunState.Skipped, trigger, started, clock.GetUtcNow(), message, null);
                return;
            }

            logger.LogInformation("Loading {Feed} {Quarter} ({Trigger})", feed.Id, quarter, trigger);
            loading = true;
            LoadResult result;
            using (var batch = LoadBatch.Begin(warehouse, new SourceQuarterLoader(warehouse, key),
                       trigger == OperatorTrigger ? LoadHolder.HostOperator : LoadHolder.HostSchedule, total: 1))
            {
                result = batch.Load(source, feed, quarter, trigger, cancellationToken);
            }

            logger.LogInformation("Loaded {Feed} {Quarter}: run {RunId}, {Loaded} rows loaded, {Quarantined} quarantined in {Duration}",
                feed.Id, quarter, result.RunId, result.RowsLoaded, result.RowsQuarantined, result.Duration);
            context.Result = new LoadRunOutcome(feed.Id, quarter, LoadRunState.Succeeded, trigger, started, clock.GetUtcNow(), result.Message, result);
            CheckpointAfterLoad(feed.Id, quarter);
        }
        catch (Exception ex)
        {
            // The one failure boundary of the job: every exception ends as a failed (or cancelled) run with its cause in
            // Chinese, in 装载记录 and on the jobs page, and goes on to Quartz. Inside the load the loader has recorded it;
            // before the load (the source, its quarters) it is recorded here, or 装载记录 would not show why.
            var cancelled = ex is OperationCanceledException;
            var outcome = new LoadRunOutcome(feed.Id, quarter, cancelled ? LoadRunState.Cancelled : LoadRunState.Failed, trigger, started,
                clock.GetUtcNow(), cancelled ? LoadFailure.Cancelled(feed.Id, quarter) : LoadFailure.Describe(ex), null);
            if (!loading)
            {
                RecordBeforeLoad(outcome);
            }

            Fail(context, outcome, ex);
        }
    }

    private void RecordBeforeLoad(LoadRunOutcome outcome)
    {
        try
        {
            using var connection = warehouse.Connect();
            RunLog.RecordFailure(connection, outcome.Feed, outcome.Quarter!.Value, outcome.Trigger, outcome.StartedAt.UtcDateTime,
                outcome.FinishedAt.UtcDateTime, outcome.Message!);
        }
        catch (DuckDBException ex)
        {
            logger.LogWarning(ex, "The failed load of {Feed} {Quarter} could not be journalled: {Message}", outcome.Feed, outcome.Quarter, ex.Message);
        }
    }

    // The load is committed (and durable in the log) already; folding the log into the file here keeps that work out of
    // the next reader's refresh. A failure only delays it to the next checkpoint.
    private void CheckpointAfterLoad(string feed, Quarter quarter)
    {
        try
        {
            warehouse.Checkpoint();
        }
        catch (DuckDBException ex)
        {
            logger.LogWarning(ex, "Checkpoint after the load of {Feed} {Quarter} failed: {Message}", feed, quarter, ex.Message);
        }
    }

    private void Fail(IJobExecutionContext context, LoadRunOutcome outcome, Exception? cause)
    {
        context.Result = outcome;
        if (outcome.State == LoadRunState.Cancelled)
        {
            logger.LogWarning("Load of {Feed} {Quarter} cancelled", outcome.Feed, outcome.Quarter);
        }
        else
        {
            logger.LogError(cause, "Load of {Feed} {Quarter} failed: {Message}", outcome.Feed, outcome.Quarter, outcome.Message);
        }

        // No refire: a failed load is logged in etl_run and waits for the operator or the next schedule.
        var message = outcome.Message ?? $"{outcome.Feed}/{outcome.Quarter}：装载失败 (load failed)。";
        throw cause is null
            ? new JobExecutionException(message) { RefireImmediately = false }
            : new JobExecutionException(message, cause) { RefireImmediately = false };
    }
}
