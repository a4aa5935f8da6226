using Analytics.Dashboard.Configuration;
using Analytics.Etl.Scheduling;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.Dashboard.Briefings;

/// <summary>
/// Chains the briefings to the loads: each successful load of a quarter (re)sets one trigger per quarter a short delay
/// ahead, so the several feeds of a quarter that load one after another produce one generation, after the last.
/// </summary>
public sealed class BriefingFollowUp(IOptions<AnalyticsOptions> options, TimeProvider clock) : ILoadFollowUp
{
    public const string TriggerGroup = "briefings-after-loads";

    public async Task RegisterAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<BriefingJob>()
            .WithIdentity(BriefingJob.Key)
            .WithDescription("生成季度简报与街镇成绩单")
            .StoreDurably()
            .RequestRecovery(false)
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
    }

    public async Task LoadSucceededAsync(IScheduler scheduler, LoadRunOutcome outcome, CancellationToken cancellationToken)
    {
        if (!options.Value.BriefingsAfterLoads || outcome.Quarter is not { } quarter)
        {
            return;
        }

        var key = new TriggerKey($"briefings-{quarter}", TriggerGroup);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(BriefingJob.Key)
            .UsingJobData(BriefingJob.PeriodKey, quarter.ToString())
            .UsingJobData(BriefingJob.TriggerKindKey, QuarterlyLoadJob.ScheduleTrigger)
            .StartAt(clock.GetUtcNow().AddSeconds(Math.Max(0, options.Value.BriefingDelaySeconds)))
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .WithDescription($"装载后生成 {quarter} 简报")
            .Build();
        if (await scheduler.Exists(key, cancellationToken))
        {
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
        }
        else
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        }
    }
}
