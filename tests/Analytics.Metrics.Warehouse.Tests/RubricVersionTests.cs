using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>A bureau changes an assumption by publishing a new rubric version; every stored result names the version it was scored with.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class RubricVersionTests(WarehouseFixture fixture)
{
    [Fact]
    public void Every_stored_result_records_the_version_of_the_rubric_it_was_scored_with()
    {
        var published = RubricCatalog.Get("songjiang-2024");
        var republished = published with { Version = "1.1" };
        var period = AssessmentPeriod.ForQuarter(2024, 4);
        const string Versions = "SELECT string_agg(DISTINCT rubric_version, ',') FROM score_result WHERE rubric_id = 'songjiang-2024' AND period = '2024Q4'";
        try
        {
            var score = new TownScorer(fixture.Connection).Score(republished, period);
            Assert.All(score.Towns, t => Assert.Equal("1.1", t.Town.Result.RubricVersion));
            Assert.Equal("1.1", fixture.Scalar<string>(Versions));
        }
        finally
        {
            new TownScorer(fixture.Connection).Score(published, period);
        }

        Assert.Equal("1.0", fixture.Scalar<string>(Versions));
    }
}
