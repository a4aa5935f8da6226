using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>
/// Songjiang 2023 read back from the warehouse after loading the demo drop matches the published
/// figures (reference/calibration.md) within ±5%: the loads lose nothing and place rows in the right town.
/// </summary>
[Collection(EtlCollection.Name)]
public sealed class CalibrationTests(DemoDropFixture drop) : IDisposable
{
    private const string Songjiang = "310117";
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void Songjiang_2023_dibao_recipients_and_verification_requests_match_the_published_figures()
    {
        _bed.LoadDemo("assistance", "2023Q4");
        foreach (var quarter in new[] { "2023Q1", "2023Q2", "2023Q3", "2023Q4" })
        {
            Assert.Equal(0, _bed.LoadDemo("verification", quarter).RowsQuarantined);
        }

        var dibao = _bed.Scalar($"""
            SELECT count(*) FROM fact_assistance_recipients f JOIN dim_region d USING (town_key)
            WHERE f.quarter_key = 20234 AND d.district_code = '{Songjiang}' AND f.category = 'dibao' AND f.status = 'active'
            """);
        var requests = _bed.Scalar($"""
            SELECT sum(f.households) FROM fact_verification_requests f JOIN dim_region d USING (town_key)
            WHERE f.quarter_key BETWEEN 20231 AND 20234 AND d.district_code = '{Songjiang}'
            """);
        var towns = _bed.Scalar($"SELECT count(DISTINCT town_key) FROM fact_assistance_recipients WHERE district_code = '{Songjiang}'");

        Assert.InRange(dibao, 3995 * 0.95, 3995 * 1.05);
        Assert.InRange(requests, 17475 * 0.95, 17475 * 1.05);
        Assert.Equal(17, towns);
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM fact_assistance_recipients WHERE town_key IS NULL"));
    }
}
