using Analytics.Dashboard.Briefings;
using Analytics.Dashboard.Configuration;
using Analytics.Etl.Scheduling;
using Analytics.Metrics;
using Analytics.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class BriefingScheduleTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Each_load_of_a_quarter_moves_its_one_briefing_trigger_on()
    {
        var scheduler = await QuartzSchedulerBuilder.Create(q => q.UseInMemoryStore()).BuildScheduler();
        try
        {
            var followUp = new BriefingFollowUp(Options.Create(new AnalyticsOptions { BriefingDelaySeconds = 120 }));
            await followUp.RegisterAsync(scheduler, CancellationToken.None);
            Assert.True(await scheduler.Exists(BriefingJob.Key));

            var quarter = new Quarter(2024, 4);
            await followUp.LoadSucceededAsync(scheduler, Outcome("assistance", quarter), CancellationToken.None);
            var first = (await scheduler.GetTriggersOfJob(BriefingJob.Key)).Single();
            await Task.Delay(1100);
            await followUp.LoadSucceededAsync(scheduler, Outcome("ledger", quarter), CancellationToken.None);

            var trigger = (await scheduler.GetTriggersOfJob(BriefingJob.Key)).Single();
            Assert.Equal("2024Q4", trigger.JobDataMap.GetString(BriefingJob.PeriodKey));
            Assert.Equal(QuarterlyLoadJob.ScheduleTrigger, trigger.JobDataMap.GetString(BriefingJob.TriggerKindKey));
            Assert.True(trigger.StartTimeUtc > first.StartTimeUtc, "the second load should move the trigger on");
            Assert.InRange(trigger.StartTimeUtc - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false);
        }
    }

    [Fact]
    public async Task Loads_schedule_nothing_when_briefings_after_loads_are_off()
    {
        var scheduler = await QuartzSchedulerBuilder.Create(q => q.UseInMemoryStore()).BuildScheduler();
        try
        {
            var followUp = new BriefingFollowUp(Options.Create(new AnalyticsOptions { BriefingsAfterLoads = false }));
            await followUp.RegisterAsync(scheduler, CancellationToken.None);
            await followUp.LoadSucceededAsync(scheduler, Outcome("assistance", new Quarter(2024, 4)), CancellationToken.None);
            Assert.Empty(await scheduler.GetTriggersOfJob(BriefingJob.Key));
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false);
        }
    }

    [Fact]
    public void After_loads_only_the_latest_complete_quarter_is_briefed()
    {
        var job = fixture.Services.GetRequiredService<BriefingJob>();
        Assert.Null(job.Skip(AssessmentPeriod.ForQuarter(2024, 4)));
        Assert.Contains("not every feed", job.Skip(AssessmentPeriod.ForQuarter(2019, 1)));
        // 2024Q3 is complete too, but earlier and (in this fixture) never briefed.
        Assert.NotNull(job.Skip(AssessmentPeriod.ForQuarter(2024, 3)));
    }

    private static LoadRunOutcome Outcome(string feed, Quarter quarter) =>
        new(feed, quarter, LoadRunState.Succeeded, QuarterlyLoadJob.OperatorTrigger, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null);
}
