using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Reports.Content;

namespace Analytics.Reports.Tests;

/// <summary>A flag already handled on the flags page is not repeated in the next briefing while its figures are unchanged.</summary>
[Collection(BriefingCollection.Name)]
public sealed class BriefingFlagReviewTests(BriefingFixture fixture)
{
    [Fact]
    public void A_verified_flag_is_left_out_of_the_briefing_and_a_pending_one_stays()
    {
        Assert.True(AssessmentPeriod.TryParse(BriefingFixture.Period, out var period));
        using var connection = fixture.Warehouse.Connect();
        var before = new BriefingReader(connection).Read(period, DateTimeOffset.UtcNow);
        var briefing = before.First(b => b.Flags.Count > 0);
        var handled = briefing.Flags[0];
        var key = FlagReviewStore.Key(handled);
        var store = new FlagReviewStore(connection);
        try
        {
            store.Record(handled, FlagStatus.Pending, "赵科员", null, "briefing-test");
            var pending = new BriefingReader(connection).Read(period, DateTimeOffset.UtcNow, briefing.Rubric.District.Code).Single();
            Assert.Contains(pending.Flags, f => FlagReviewStore.Key(f) == key);

            store.Record(handled, FlagStatus.Verified, "赵科员", "已核实，系真实情况", "briefing-test");
            var after = new BriefingReader(connection).Read(period, DateTimeOffset.UtcNow, briefing.Rubric.District.Code).Single();
            Assert.DoesNotContain(after.Flags, f => FlagReviewStore.Key(f) == key);
            Assert.Equal(briefing.Flags.Count - 1, after.Flags.Count);
        }
        finally
        {
            // The fixture's warehouse is shared: later readers see the flags as generated.
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM flag_review WHERE flag_key = $1";
            command.Parameters.AddValue(key);
            command.ExecuteNonQuery();
        }
    }
}
