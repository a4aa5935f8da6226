using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>A load of one source-quarter commits completely or not at all, even when killed.</summary>
[Collection(EtlCollection.Name)]
public sealed class AtomicityTests(DemoDropFixture drop) : IDisposable
{
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    /// <summary>Throws when the load reports that it starts the file at <paramref name="index"/>.</summary>
    private sealed class FailAtFile(int index) : IProgress<LoadProgress>
    {
        public int FilesStarted { get; private set; }

        public void Report(LoadProgress value)
        {
            if (value.FilesDone == index && value.FilesDone < value.FilesTotal)
            {
                throw new InvalidOperationException("注入的故障 (injected failure)");
            }

            FilesStarted = Math.Max(FilesStarted, value.FilesDone + 1);
        }
    }

    private void ChangeEveryAmount()
    {
        var lines = _bed.Lines("assistance/2024Q3/payments.csv");
        _bed.WriteLines("assistance/2024Q3/payments.csv", lines.Select((l, i) => i == 0 ? l : l[..l.LastIndexOf(',')] + ",1.00"));
    }

    [Fact]
    public void A_failure_injected_after_two_files_leaves_the_earlier_load_of_the_quarter_untouched()
    {
        _bed.Copy("assistance", "2024Q3", maxRows: 3000);
        var first = _bed.Load("assistance", "2024Q3");
        var before = _bed.FactSnapshot();
        ChangeEveryAmount();
        var progress = new FailAtFile(2); // recipients and payments are in, case_events is next

        var error = _bed.LoadFails("assistance", "2024Q3", progress);

        Assert.Equal(2, progress.FilesStarted);
        Assert.Equal("assistance/2024Q3：装载失败，仓库保持不变：注入的故障 (injected failure)", error.Message);
        Assert.Equal(before, _bed.FactSnapshot());
        Assert.Equal(0, _bed.Scalar($"SELECT count(*) FROM fact_assistance_payments WHERE run_id <> {first.RunId}"));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_change"));
        // The run log keeps the failure (its message is the inner one; the exception adds feed/quarter).
        Assert.Equal(1, _bed.Scalar("SELECT count(*) FROM etl_run WHERE status = 'failed' AND feed = 'assistance' AND quarter_key = 20243 AND contains(message, '注入的故障')"));
    }

    [Fact]
    public void A_failure_injected_in_a_first_load_leaves_no_fact_rows_and_no_quarantine()
    {
        _bed.Copy("assistance", "2024Q3", maxRows: 3000);
        _bed.SetCell("assistance/2024Q3/recipients.csv", 3, "household_size", "");

        _bed.LoadFails("assistance", "2024Q3", new FailAtFile(2));

        Assert.Empty(_bed.FactCounts());
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_quarantine"));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_run WHERE status = 'succeeded'"));
    }

    [Fact]
    public void A_later_file_missing_a_column_fails_the_feed_and_keeps_the_earlier_data()
    {
        _bed.Copy("assistance", "2024Q3", maxRows: 3000);
        var first = _bed.Load("assistance", "2024Q3");
        var before = _bed.FactSnapshot();
        ChangeEveryAmount();
        const string events = "assistance/2024Q3/case_events.csv";
        var dueDate = _bed.ColumnIndex(events, "due_date");
        _bed.WriteLines(events, _bed.Lines(events).Select(l => string.Join(",", l.Split(',').Where((_, i) => i != dueDate))));

        var error = _bed.LoadFails("assistance", "2024Q3");

        Assert.Equal("assistance/2024Q3/case_events.csv：表头与数据规范不符：缺少列 due_date (header does not match docs/sources.md)。", error.Message);
        Assert.Equal(before, _bed.FactSnapshot());
        Assert.Equal(0, _bed.Scalar($"SELECT count(*) FROM fact_assistance_payments WHERE run_id <> {first.RunId}"));
        Assert.Equal("failed|0|0|0", _bed.Text("SELECT concat_ws('|', status, rows_read, rows_loaded, rows_quarantined) FROM etl_run ORDER BY run_id DESC LIMIT 1"));
    }

    [Fact]
    public void A_load_killed_mid_way_leaves_a_consistent_warehouse_that_loads_again()
    {
        using (var process = CommandLine.Start("etl", "run", "--sources", drop.Root, "--db", _bed.DatabasePath, "--pseudonym-key", TestBed.KeyHex))
        {
            // Killed as soon as the first load of assistance, the largest feed, is journalled: the reference loads before
            // it have committed and the assistance load is inside its transaction.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            LoadProgressWait.Until(process, _bed.DatabasePath,
                p => p.Current?.StartsWith("assistance/", StringComparison.Ordinal) == true && p.CurrentRunId is not null, "a journalled assistance load");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        // Opening replays the WAL of what was committed; an uncommitted load must leave no trace.
        var succeeded = _bed.Query("SELECT run_id, feed, rows_loaded FROM etl_run WHERE status = 'succeeded'",
            r => (RunId: r.GetInt64(0), Feed: r.GetString(1), Loaded: r.GetInt64(2)));
        var factRunRows = new Dictionary<long, long>();
        foreach (var table in _bed.FactCounts().Keys)
        {
            foreach (var (run, rows) in _bed.Query($"SELECT run_id, count(*) FROM {table} GROUP BY run_id", r => (r.GetInt64(0), r.GetInt64(1))))
            {
                factRunRows[run] = factRunRows.GetValueOrDefault(run) + rows;
            }
        }

        Assert.InRange(succeeded.Count, 1, 8 * 6 - 1); // some loads committed, not all of them
        Assert.Subset(succeeded.Select(s => s.RunId).ToHashSet(), factRunRows.Keys.ToHashSet());
        Assert.All(succeeded, s => Assert.Equal(s.Loaded, factRunRows.GetValueOrDefault(s.RunId)));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_quarantine WHERE run_id NOT IN (SELECT run_id FROM etl_run WHERE status = 'succeeded')"));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_run WHERE rows_read <> rows_loaded + rows_quarantined"));

        // The killed load is journalled: etl status names it as interrupted, with its feed-quarter and start.
        var interrupted = Assert.Single(_bed.Query("SELECT run_id, feed, quarter_key, strftime(started_at, '%Y-%m-%d %H:%M:%S') FROM etl_run WHERE status = 'running'",
            r => (RunId: r.GetInt64(0), Feed: r.GetString(1), QuarterKey: r.GetInt32(2), Started: r.GetString(3))));
        Assert.Equal("assistance", interrupted.Feed);
        var status = CommandLine.Run("etl", "status", "--db", _bed.DatabasePath);
        Assert.Equal(0, status.Exit);
        Assert.Contains(CommandLine.WithoutSpaces($"运行 {interrupted.RunId} 中断：assistance {interrupted.QuarterKey / 10}Q{interrupted.QuarterKey % 10} 的装载于 {interrupted.Started} (UTC) 开始，未完成（进程被终止或崩溃），仓库中该 数据源·季度 保持开始前的状态"),
            CommandLine.WithoutSpaces(status.Output));

        // And the warehouse is usable: the next load of a quarter succeeds on top of it.
        var again = _bed.LoadDemo("reference", "2024Q3");
        Assert.True(again.Succeeded);
        Assert.Equal(48, _bed.Scalar("SELECT count(*) FROM fact_reference_population WHERE quarter_key = 20243"));
    }
}
