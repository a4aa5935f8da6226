using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>Without a manifest, a reload may not empty a loaded feed-quarter or shrink it by more than the configured share.</summary>
[Collection(EtlCollection.Name)]
public sealed class ShrinkGuardTests(DemoDropFixture drop) : IDisposable
{
    private const string Requests = "verification/2024Q3/requests.csv";
    private readonly TestBed _bed = new TestBed(drop).Copy("verification", "2024Q3");

    public void Dispose() => _bed.Dispose();

    private long Requested() => _bed.Scalar("SELECT count(*) FROM fact_verification_requests WHERE quarter_key = 20243");

    [Fact]
    public void A_header_only_reload_is_refused_and_the_quarter_keeps_its_rows()
    {
        _bed.Load("verification", "2024Q3");
        var before = _bed.FactSnapshot();
        var rows = Requested();
        _bed.WriteLines(Requests, _bed.Lines(Requests).Take(1));

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal($"{Requests}：fact_verification_requests 的 2024Q3 将从已装载的 {rows:N0} 行变为 0 行（减少 100.0%，允许 10%），报送目录没有清单 manifest.json 可以核对，已拒绝装载；确认无误请加 --allow-shrink (refused: the reload would shrink the quarter)。", error.Message);
        Assert.Equal(before, _bed.FactSnapshot());
    }

    [Fact]
    public void A_reload_losing_more_than_the_share_is_refused_and_one_within_it_loads()
    {
        _bed.Load("verification", "2024Q3");
        var rows = Requested();
        var lines = _bed.Lines(Requests);
        var keepWithin = (int)(rows * 0.95);
        _bed.WriteLines(Requests, lines.Take(1 + keepWithin));

        var within = _bed.Load("verification", "2024Q3");

        Assert.True(within.Succeeded);
        Assert.Equal(keepWithin, Requested());

        _bed.WriteLines(Requests, lines.Take(1 + keepWithin / 2));
        Assert.Contains("已拒绝装载；确认无误请加 --allow-shrink", _bed.LoadFails("verification", "2024Q3").Message);
        Assert.Equal(keepWithin, Requested());
    }

    [Fact]
    public void Allow_shrink_loads_the_smaller_quarter_and_the_run_log_records_it()
    {
        _bed.Load("verification", "2024Q3");
        var rows = Requested();
        _bed.WriteLines(Requests, _bed.Lines(Requests).Take(1));

        var result = _bed.Load("verification", "2024Q3", new ShrinkGuard(Allowed: true));

        Assert.Equal(0, Requested());
        var message = _bed.Text($"SELECT message FROM etl_run WHERE run_id = {result.RunId}")!;
        Assert.EndsWith($"；已按 --allow-shrink 接受缩减：{Requests}：fact_verification_requests 的 2024Q3 将从已装载的 {rows:N0} 行变为 0 行（减少 100.0%，允许 10%）", message);
    }

    [Fact]
    public void A_configured_share_replaces_the_default()
    {
        _bed.Load("verification", "2024Q3");
        var rows = Requested();
        var keep = (int)(rows * 0.7);
        _bed.WriteLines(Requests, _bed.Lines(Requests).Take(1 + keep));

        var result = _bed.Load("verification", "2024Q3", new ShrinkGuard(MaxShare: 0.5));

        Assert.True(result.Succeeded);
        Assert.Equal(keep, Requested());
    }
}
