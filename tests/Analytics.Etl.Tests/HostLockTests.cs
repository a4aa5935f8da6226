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

        // The holder keeps the file open read-write for as long as its query runs.
        using var holder = CommandLine.Start("sql", "--db", _bed.DatabasePath, "SELECT count(*) FROM range(10000000000000) a");
        try
        {
            WaitUntilLocked();
            using var load = CommandLine.Start("etl", "run", "--sources", drop.Root, "--db", _bed.DatabasePath, "--pseudonym-key", TestBed.KeyHex, "--source", "reference", "--quarter", "2024Q3");
            var error = load.StandardError.ReadToEnd();
            Assert.True(load.WaitForExit(TimeSpan.FromSeconds(60)), "the load neither finished nor failed");
            Assert.Equal(1, load.ExitCode);
            Assert.Contains("数据库文件正被另一个进程使用", error);
            Assert.Contains($"PID {holder.Id}", error);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        Assert.Equal(before, _bed.Scalar("SELECT count(*) FROM etl_run"));
    }

    // The holder has the lock once a second opener is refused; poll instead of sleeping a guess.
    private void WaitUntilLocked()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = CommandLine.Start("sql", "--db", _bed.DatabasePath, "SELECT 1");
            probe.WaitForExit();
            if (probe.ExitCode != 0)
            {
                return;
            }

            Thread.Sleep(200);
        }

        Assert.Fail("the holding process never locked the warehouse");
    }
}
