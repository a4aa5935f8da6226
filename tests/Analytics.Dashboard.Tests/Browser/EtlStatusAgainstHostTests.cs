using Analytics.Etl.Tests.Support;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>`etl status` while the real host process runs and loads nothing: the host holds the file even when idle.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EtlStatusAgainstHostTests(BrowserFixture fixture)
{
    [Fact]
    public void Etl_status_against_the_idle_host_says_the_host_holds_the_warehouse_and_where_to_read_the_runs_instead()
    {
        var status = CommandLine.Run("etl", "status", "--db", fixture.DatabasePath);

        Assert.Equal(1, status.Exit);
        Assert.Contains(CommandLine.WithoutSpaces(
                $"数据库文件正被另一个进程使用（主机 ./run，PID {fixture.Host.ProcessId}）。" +
                "主机运行时一直占用仓库文件，空闲时也是如此，这不表示正在装载。装载记录与装载完整性请在主机的“运维管理”页面（/admin）查看，" +
                "或在 SQL 控制台（/analyst/sql，仓库的只读副本）查询 etl_run；要装载请在“调度任务”页面（/admin/jobs）点“立即运行”；" +
                "要用本命令，请先停止主机（Ctrl+C）。(the warehouse is locked by another process; nothing was changed)"),
            CommandLine.WithoutSpaces(status.Error));
        Assert.DoesNotContain("装载进行中", status.Output, StringComparison.Ordinal);
    }
}
