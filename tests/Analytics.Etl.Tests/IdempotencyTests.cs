using System.Text.Json;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>Loading a quarter again replaces it; a corrected resubmission also records what changed.</summary>
[Collection(EtlCollection.Name)]
public sealed class IdempotencyTests(DemoDropFixture drop) : IDisposable
{
    private const string Payments = "assistance/2024Q3/payments.csv";
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void Loading_the_same_quarter_twice_leaves_the_warehouse_as_after_one_load()
    {
        _bed.Copy("assistance", "2024Q3", maxRows: 3000).Copy("verification", "2024Q3");
        var first = _bed.Load("assistance", "2024Q3");
        _bed.Load("verification", "2024Q3");
        var afterOne = _bed.FactSnapshot();

        var second = _bed.Load("assistance", "2024Q3");

        Assert.Equal(afterOne, _bed.FactSnapshot());
        Assert.Null(first.ReplacedRunId);
        Assert.Equal(first.RunId, second.ReplacedRunId);
        Assert.Equal((first.RowsRead, first.RowsLoaded), (second.RowsRead, second.RowsLoaded));
        Assert.Equal(0, _bed.Scalar($"SELECT count(*) FROM fact_assistance_payments WHERE run_id <> {second.RunId}"));
        Assert.Equal(first.RunId, _bed.Scalar("SELECT replaced_run_id FROM etl_run WHERE feed = 'assistance' ORDER BY run_id DESC LIMIT 1"));
        // Nothing changed between the two submissions.
        Assert.Equal(0, _bed.Scalar($"SELECT sum(keys_added + keys_removed + keys_changed) FROM etl_change WHERE run_id = {second.RunId}"));
    }

    [Fact]
    public void Reloading_a_quarter_with_quarantined_rows_does_not_duplicate_facts()
    {
        _bed.Copy("verification", "2024Q3");
        _bed.SetCell("verification/2024Q3/requests.csv", 4, "households", "");
        var first = _bed.Load("verification", "2024Q3");
        var afterOne = _bed.FactSnapshot();

        var second = _bed.Load("verification", "2024Q3");

        Assert.Equal(afterOne, _bed.FactSnapshot());
        Assert.Equal(1, first.RowsQuarantined);
        Assert.Equal(1, second.RowsQuarantined);
        Assert.Equal(first.RunId, second.ReplacedRunId);
    }

    [Fact]
    public void A_corrected_resubmission_replaces_the_quarter_and_records_what_changed()
    {
        _bed.Copy("assistance", "2024Q3", maxRows: 3000);
        var first = _bed.Load("assistance", "2024Q3");
        var lines = _bed.Lines(Payments);
        foreach (var row in new[] { 10, 20, 30 })
        {
            var fields = lines[row].Split(',');
            fields[^1] = (decimal.Parse(fields[^1], System.Globalization.CultureInfo.InvariantCulture) + 1.5m).ToString(System.Globalization.CultureInfo.InvariantCulture);
            lines[row] = string.Join(",", fields);
        }

        var removed = new[] { lines[41].Split(',')[0], lines[42].Split(',')[0] };
        lines.RemoveRange(41, 2);
        var added = lines[50].Split(',');
        added[0] = "9999999999999999";
        lines.Add(string.Join(",", added));
        _bed.WriteLines(Payments, lines);

        var second = _bed.Load("assistance", "2024Q3");

        Assert.Equal(first.RunId, second.ReplacedRunId);
        var change = _bed.Query(
            $"SELECT replaced_run_id, rows_before, rows_after, keys_added, keys_removed, keys_changed FROM etl_change WHERE run_id = {second.RunId} AND fact_table = 'fact_assistance_payments'",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)));
        Assert.Equal((first.RunId, 3000L, 2999L, 1L, 2L, 3L), Assert.Single(change));
        Assert.Equal(0, _bed.Scalar($"SELECT sum(keys_added + keys_removed + keys_changed) FROM etl_change WHERE run_id = {second.RunId} AND fact_table <> 'fact_assistance_payments'"));
        Assert.Equal(2999, _bed.Scalar("SELECT count(*) FROM fact_assistance_payments"));
        Assert.Equal(0, _bed.Scalar($"SELECT count(*) FROM fact_assistance_payments WHERE payment_id IN ('{removed[0]}', '{removed[1]}')"));
        Assert.Equal(1, _bed.Scalar("SELECT count(*) FROM fact_assistance_payments WHERE payment_id = '9999999999999999'"));
    }

    [Fact]
    public void The_run_log_records_counts_and_durations_per_step()
    {
        _bed.Copy("verification", "2024Q3");
        _bed.SetCell("verification/2024Q3/requests.csv", 4, "households", "x");

        var result = _bed.Load("verification", "2024Q3");

        var run = _bed.Query($"SELECT rows_read, rows_loaded, rows_quarantined, files, duration_ms, steps, status, trigger, transport, finished_at >= started_at FROM etl_run WHERE run_id = {result.RunId}",
            r => (Read: r.GetInt64(0), Loaded: r.GetInt64(1), Quarantined: r.GetInt64(2), Files: r.GetInt32(3), Ms: r.GetInt64(4), Steps: r.GetString(5),
                Status: r.GetString(6), Trigger: r.GetString(7), Transport: r.GetString(8), Ordered: r.GetBoolean(9))).Single();
        Assert.Equal(run.Read, run.Loaded + run.Quarantined);
        Assert.Equal((result.RowsRead, result.RowsLoaded, 1L, 2), (run.Read, run.Loaded, run.Quarantined, run.Files));
        Assert.Equal(("succeeded", "test", "files", true), (run.Status, run.Trigger, run.Transport, run.Ordered));
        Assert.True(run.Ms >= 0);
        var steps = JsonSerializer.Deserialize<Dictionary<string, long>>(run.Steps)!;
        Assert.Contains("open", steps.Keys);
        Assert.Contains("validate", steps.Keys);
        Assert.Contains("insert", steps.Keys);
        Assert.All(steps.Values, ms => Assert.True(ms >= 0));
    }
}
