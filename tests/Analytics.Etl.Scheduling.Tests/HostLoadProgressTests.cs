using System.Globalization;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Etl.Scheduling;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Scheduling.Tests;

/// <summary>`etl status` and the lock message while the host's scheduler loads: the same progress file as a command-line load.</summary>
[Collection(DemoDropCollection.Name)]
public sealed class HostLoadProgressTests(DemoDrop drop)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task While_a_scheduled_load_runs_etl_status_reports_it_in_progress_with_its_feed_quarter()
    {
        using var gate = new GatedSources(new FileDropSourceFactory(drop.Root));
        var fireAt = DateTimeOffset.UtcNow.AddSeconds(2);
        fireAt = new DateTimeOffset(fireAt.Ticks - fireAt.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var local = TimeZoneInfo.ConvertTime(fireAt, Shanghai);
        await using var harness = await SchedulerHarness.StartAsync(drop, options =>
        {
            options.Feeds = ["verification"];
            options.CronByFeed["verification"] = string.Create(CultureInfo.InvariantCulture,
                $"{local.Second} {local.Minute} {local.Hour} {local.Day} {local.Month} ? {local.Year}");
        }, now: new DateTimeOffset(2024, 10, 6, 9, 0, 0, TimeSpan.FromHours(8)), wrapSources: _ => gate);
        await gate.WaitUntilLoadingAsync();
        var progress = LoadProgressFile.Read(harness.Warehouse.Path)!;
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        var status = CommandLine.Run("etl", "status", "--db", harness.Warehouse.Path);
        var query = CommandLine.Run("sql", "--db", harness.Warehouse.Path, "SELECT 1");

        Assert.Equal(0, status.Exit);
        Assert.Contains(CommandLine.WithoutSpaces(
                $"装载进行中：主机定时装载 ./run，PID {pid}，{progress.StartedAt:yyyy-MM-dd HH:mm:ss} (UTC) 开始，已完成 0/1 个 数据源·季度，正在装载 verification/2024Q3"),
            CommandLine.WithoutSpaces(status.Output));
        Assert.Equal(1, query.Exit);
        Assert.Contains($"数据库文件正被另一个进程使用（主机定时装载 ./run，正在装载 verification/2024Q3，PID {pid}）", query.Error);

        gate.Release();
        Assert.Equal(LoadRunState.Succeeded, (await WaitForLastRun(harness)).State);
        Assert.False(File.Exists(LoadProgressFile.PathFor(harness.Warehouse.Path)), "the progress file goes with the load");
    }

    private static async Task<LoadRunOutcome> WaitForLastRun(SchedulerHarness harness)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if ((await harness.Scheduler.GetJobs()).Single().LastRun is { } lastRun)
            {
                return lastRun;
            }

            Assert.True(DateTime.UtcNow < deadline, "the scheduled load never ended");
            await Task.Delay(25);
        }
    }
}
