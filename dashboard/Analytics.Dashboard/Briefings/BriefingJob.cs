using Analytics.Dashboard.Leadership;
using Analytics.Etl.Scheduling;
using Analytics.Metrics;
using Analytics.Reports.Content;
using Analytics.Reports.Generation;
using Analytics.Warehouse;
using Quartz;

namespace Analytics.Dashboard.Briefings;

/// <summary>
/// Generates every briefing of a period (or of one district) in the load scheduler, so it never runs during a load.
/// After loads (trigger kind schedule) it generates only when every feed has loaded the quarter, and only for the
/// latest complete quarter or a quarter that already has briefings (they are stale now); an operator's run-now
/// generates what was asked for. A briefing is a lasting document, and nobody waits on a job: it first has the learned
/// outputs of the current data trained (or waits for the warm-up's training), so its target section carries the model
/// projections rather than "模型预计计算中".
/// </summary>
[DisallowConcurrentExecution]
public sealed class BriefingJob(BriefingService briefings, LeadershipScores scores, EtlScheduler scheduler, WarehouseDatabase warehouse, ILogger<BriefingJob> logger)
    : IJob
{
    public static readonly JobKey Key = new("generate-briefings", "briefings");

    /// <summary>Period as 2024Q4 or 2024.</summary>
    public const string PeriodKey = "period";

    /// <summary>Optional district name or code.</summary>
    public const string DistrictKey = "district";

    /// <summary><see cref="QuarterlyLoadJob.ScheduleTrigger"/> (after loads) or <see cref="QuarterlyLoadJob.OperatorTrigger"/>.</summary>
    public const string TriggerKindKey = "trigger-kind";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var trigger = data.ContainsKey(TriggerKindKey) ? data.GetString(TriggerKindKey) ?? QuarterlyLoadJob.ScheduleTrigger : QuarterlyLoadJob.ScheduleTrigger;
        if (!AssessmentPeriod.TryParse(data.GetString(PeriodKey), out var period))
        {
            throw new JobExecutionException($"评分期格式错误：{data.GetString(PeriodKey)}") { RefireImmediately = false };
        }

        if (trigger == QuarterlyLoadJob.ScheduleTrigger && Skip(period) is { } reason)
        {
            logger.LogInformation("Briefings of {Period} not generated after the load: {Reason}", period, reason);
            return;
        }

        try
        {
            var district = data.ContainsKey(DistrictKey) ? data.GetString(DistrictKey) : null;
            await scores.TryTrainLearnedOutputsAsync(logger, cancellationToken);
            var run = await briefings.GenerateAsync(new BriefingRequest(period, string.IsNullOrEmpty(district) ? null : district, Trigger: trigger),
                cancellationToken);
            logger.LogInformation("Generated {Count} briefings of {Period} in {Elapsed}", run.Documents.Count, period, run.Elapsed);
        }
        catch (BriefingNoDataException ex)
        {
            logger.LogWarning("Briefings of {Period} not generated: {Message}", period, ex.Message);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Briefing generation of {Period} cancelled", period);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not BriefingNoDataException)
        {
            // The job's one failure boundary: any other exception is logged and goes on to Quartz, never refired.
            logger.LogError(ex, "Briefing generation of {Period} failed: {Message}", period, ex.Message);
            throw new JobExecutionException(ex.Message, ex) { RefireImmediately = false };
        }
    }

    /// <summary>Why the briefings of a quarter are not due after a load; null when they are.</summary>
    internal string? Skip(AssessmentPeriod period)
    {
        using var connection = warehouse.Connect();
        var loaded = new Dictionary<int, HashSet<string>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT quarter_key, feed FROM etl_run WHERE status = 'succeeded'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var quarterKey = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                (loaded.TryGetValue(quarterKey, out var feeds) ? feeds : loaded[quarterKey] = []).Add(reader.GetString(1));
            }
        }

        var feedIds = scheduler.Feeds.Select(f => f.Id).ToList();
        var complete = loaded.Where(l => feedIds.All(l.Value.Contains)).Select(l => l.Key).ToList();
        var key = period.Year * 10 + (period.Quarter ?? 0);
        if (!complete.Contains(key))
        {
            return "not every feed has loaded the quarter yet";
        }

        return key == complete.Max() || briefings.Index.List(period.ToString()).Count > 0
            ? null
            : "an earlier quarter without briefings (generate it from the briefings page or the command line)";
    }
}
