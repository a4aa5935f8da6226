using System.Diagnostics;
using System.Globalization;
using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>`etl status` while a command-line load holds the warehouse, and after that load was killed.</summary>
[Collection(EtlCollection.Name)]
public sealed class LoadProgressTests(DemoDropFixture drop) : IDisposable
{
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void Status_during_a_load_shows_its_progress_and_after_a_kill_shows_it_as_interrupted()
    {
        using var load = CommandLine.Start("etl", "run", "--sources", drop.Root, "--db", _bed.DatabasePath, "--pseudonym-key", TestBed.KeyHex, "--source", "verification");
        var pid = load.Id.ToString(CultureInfo.InvariantCulture);
        LoadProgressState progress;
        try
        {
            // Frozen (SIGSTOP) inside a feed-quarter, the load holds DuckDB's lock and its progress cannot move on.
            LoadProgressWait.Until(load, _bed.DatabasePath, p => p.CurrentRunId is not null, "a journalled run");
            Signal("STOP", pid);
            progress = LoadProgressFile.Read(_bed.DatabasePath)!;

            var during = CommandLine.Run("etl", "status", "--db", _bed.DatabasePath);

            Assert.Equal(0, during.Exit);
            Assert.Contains(CommandLine.WithoutSpaces(
                    $"装载进行中：命令行装载 etl run，PID {pid}，{progress.StartedAt:yyyy-MM-dd HH:mm:ss} (UTC) 开始，已完成 {progress.Done}/8 个 数据源·季度" +
                    (progress.Current is null ? "" : $"，正在装载 {progress.Current}（运行 {progress.CurrentRunId}）")),
                CommandLine.WithoutSpaces(during.Output));
            Assert.True(progress.Alive);
        }
        finally
        {
            load.Kill(entireProcessTree: true);
            Signal("CONT", pid);
            load.WaitForExit();
        }

        var after = CommandLine.Run("etl", "status", "--db", _bed.DatabasePath);

        Assert.Equal(0, after.Exit);
        var text = CommandLine.WithoutSpaces(after.Output);
        Assert.Contains(CommandLine.WithoutSpaces($"装载中断：命令行装载 etl run（PID {pid}，进程已不在）于 {progress.StartedAt:yyyy-MM-dd HH:mm:ss} (UTC) 开始，完成 {progress.Done}/8 个 数据源·季度"), text);
        if (progress.CurrentRunId is { } interrupted)
        {
            Assert.Contains($"运行{interrupted}中断", text);
        }

        Assert.False(LoadProgressFile.Read(_bed.DatabasePath)!.Alive);
        var rerun = CommandLine.Run("etl", "run", "--sources", drop.Root, "--db", _bed.DatabasePath, "--pseudonym-key", TestBed.KeyHex, "--source", "verification", "--quarter", "2024Q4");
        Assert.Equal(0, rerun.Exit);
        Assert.False(File.Exists(LoadProgressFile.PathFor(_bed.DatabasePath)));
    }

    private static void Signal(string signal, string pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid]);
        kill.WaitForExit();
    }
}
