using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>
/// A full disk and a folder the load may not write, made real for a test that runs as root (which ignores file
/// permissions): the load runs as a child process under a file-size limit, or as an unprivileged user.
/// </summary>
[Collection(EtlCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StorageLimitTests(DemoDropFixture drop) : IDisposable
{
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    private string[] LoadArguments(string feed) =>
        ["etl", "run", "--sources", drop.Root, "--db", _bed.DatabasePath, "--pseudonym-key", TestBed.KeyHex, "--source", feed];

    private (Dictionary<string, string> Facts, long Runs, byte[] File) LoadedWarehouse()
    {
        _bed.LoadDemo("verification", "2024Q3");
        _bed.Warehouse.Checkpoint();
        return (_bed.FactSnapshot(), _bed.Scalar("SELECT count(*) FROM etl_run WHERE status = 'succeeded'"), File.ReadAllBytes(_bed.DatabasePath));
    }

    [Fact]
    public void A_disk_full_at_the_first_write_stops_the_batch_with_a_chinese_message_and_loads_nothing()
    {
        var (facts, runs, _) = LoadedWarehouse();
        // RLIMIT_FSIZE: a write past 64 KiB beyond the warehouse's size fails with EFBIG, as on a full disk. The signal it
        // raises (SIGXFSZ) is ignored so that the write fails instead of killing the process; the runtime's W^X double
        // mapping writes code through a file and is switched off, or the runtime could not start under the limit.
        var blocks = new FileInfo(_bed.DatabasePath).Length / 1024 + 64;
        var (exit, output, error) = CommandLine.RunVia(
            ["bash", "-c", $"trap '' XFSZ; ulimit -f {blocks}; exec \"$@\"", "bash"],
            new Dictionary<string, string> { ["DOTNET_EnableWriteXorExecute"] = "0" },
            LoadArguments("assistance"));

        Assert.Equal(1, exit);
        var text = CommandLine.WithoutSpaces(output + error);
        Assert.Matches("assistance/2023Q1：仓库文件损坏或无法写入，已停止装载，之后不再向该文件提交任何数据；请检查磁盘并从备份恢复仓库文件后重试\\(warehousestoragefault:.*Filetoolarge", text);
        Assert.Contains("未处理（仓库存储故障，已停止）：assistance/2023Q2、assistance/2023Q3、assistance/2023Q4、assistance/2024Q1、assistance/2024Q2、assistance/2024Q3、assistance/2024Q4", text);
        Assert.Equal(facts, _bed.FactSnapshot());
        Assert.Equal(runs, _bed.Scalar("SELECT count(*) FROM etl_run WHERE status = 'succeeded'"));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_run WHERE feed = 'assistance' AND status = 'succeeded'"));
    }

    [Fact]
    public void A_load_into_a_folder_it_may_not_write_is_refused_before_reading_anything_and_leaves_the_warehouse_as_it_was()
    {
        var (_, _, before) = LoadedWarehouse();
        // Root may write anywhere; the load runs as nobody, for whom the test's folder (0755, root's) is read-only.
        string[] unprivileged = Environment.IsPrivilegedProcess ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
        if (!Environment.IsPrivilegedProcess)
        {
            File.SetUnixFileMode(_bed.Folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        var (exit, _, error) = CommandLine.RunVia(unprivileged, new Dictionary<string, string>(), LoadArguments("assistance"));
        if (!Environment.IsPrivilegedProcess)
        {
            File.SetUnixFileMode(_bed.Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Assert.Equal(1, exit);
        Assert.StartsWith($"装载错误 (load error): 仓库目录或文件不可写：{_bed.DatabasePath}，未处理任何 数据源·季度 (warehouse not writable:", error.Trim());
        Assert.Equal(before, File.ReadAllBytes(_bed.DatabasePath));
        Assert.DoesNotContain(Directory.GetFiles(_bed.Folder), f => f.Contains(".write-probe", StringComparison.Ordinal) || f.EndsWith(".load-progress.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_load_into_a_read_only_file_system_is_refused_and_creates_nothing()
    {
        // /proc is on every Linux machine and no one, root included, can create a file in it.
        var (exit, _, error) = CommandLine.Run(["etl", "run", "--sources", drop.Root, "--db", "/proc/warehouse.duckdb", "--pseudonym-key", TestBed.KeyHex]);

        Assert.Equal(1, exit);
        Assert.StartsWith("装载错误 (load error): 仓库目录或文件不可写：/proc/warehouse.duckdb，未处理任何 数据源·季度 (warehouse not writable:", error.Trim());
        Assert.False(File.Exists("/proc/warehouse.duckdb"));
    }
}
