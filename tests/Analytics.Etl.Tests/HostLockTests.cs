using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>A command-line load while another process (the host) holds the warehouse fails clearly and changes nothing.</summary>
[Collection(EtlCollection.Name)]
public sealed class HostLockTests(DemoDropFixture drop) : IDisposable
{
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void A_command_line_load_against_a_warehouse_held_by_another_process_fails_with_a_clear_message()
    {
        var before = _bed.Scalar("SELECT count(*) FROM etl_run");

        // The holder keeps the file open read-write for as long as its query runs: a sum, since
        // DuckDB answers count(*) over range() at once without producing the rows.
        using var holder = CommandLine.Start("sql", "--db", _bed.DatabasePath, "SELECT sum(range) FROM range(10000000000000) a");
        try
        {
            WaitUntilLocked(holder);
            using var load = CommandLine.Start("etl", "run", "--sources", drop.Root, "--db", _bed.DatabasePath, "--pseudonym-key", TestBed.KeyHex, "--source", "reference", "--quarter", "2024Q3");
            var error = load.StandardError.ReadToEnd();
            Assert.True(load.WaitForExit(TimeSpan.FromSeconds(60)), "the load neither finished nor failed");
            Assert.Equal(1, load.ExitCode);
            Assert.Contains("数据库文件正被另一个进程使用", error);
            Assert.Contains($"（命令行 SQL 会话 sql，PID {holder.Id}）。请等查询结束后再运行。", error);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        Assert.Equal(before, _bed.Scalar("SELECT count(*) FROM etl_run"));
    }

    // The holder has the lock once the kernel lists a write lock of its process (/proc/locks).
    // Probing by opening the file would race: the probe itself takes the lock the holder wants.
    private static void WaitUntilLocked(System.Diagnostics.Process holder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (holder.HasExited)
            {
                Assert.Fail($"the holding process ended (exit {holder.ExitCode}): {holder.StandardError.ReadToEnd()}{holder.StandardOutput.ReadToEnd()}");
            }

            if (File.ReadLines("/proc/locks").Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, "POSIX", _, "WRITE", var pid, ..] && pid == holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                return;
            }

            Thread.Sleep(100);
        }

        Assert.Fail("the holding process never locked the warehouse");
    }
}
