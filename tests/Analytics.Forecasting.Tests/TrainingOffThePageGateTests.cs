using System.Diagnostics;
using System.Net;
using Analytics.Dashboard.Components.Pages.Leader;
using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Statistics;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Learned;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.Content;
using Analytics.Reports.Html;
using Analytics.Warehouse;
using Xunit.Abstractions;

namespace Analytics.Forecasting.Tests;

/// <summary>
/// The host trains the learned outputs in the background after a load, outside the leader pages' gate: a scorecard or a
/// briefing read while training is held open (at the test's gate, after the models are fitted and before they are
/// stored) is served at once, says the model projections are being computed and shows none of the stored ones of older
/// data; once training commits, the next read shows the stored projection and the combination flags.
/// </summary>
[Collection(HardAnomalyCollection.Name)]
public sealed class TrainingOffThePageGateTests(HardAnomalyWarehouse fixture, ITestOutputHelper output)
{
    private static readonly Rubric Putuo = RubricCatalog.Get("putuo-2024");
    private static readonly AssessmentPeriod Q1 = AssessmentPeriod.ForQuarter(2024, 1);
    private static readonly AssessmentPeriod Q2 = AssessmentPeriod.ForQuarter(2024, 2);

    [Fact]
    public async Task A_scorecard_read_during_training_is_served_at_once_saying_so_and_after_training_shows_the_stored_projection()
    {
        LearnedOutputsFixture.Ensure(fixture);
        var warehouse = WarehouseDatabase.Open(fixture.DatabasePath);
        var scores = new LeadershipScores(warehouse, new PublicStatistics(new WarehouseFigures(warehouse), new SuppressionPolicy(10)), new LeaderPageCache(warehouse));
        // What a committed load leaves: metric tables newer than the stored learned outputs, whose rows are still there.
        var stamp = LearnedOutputs.Stamp(fixture.Connection)!;
        WarehouseSql.SetMeta(fixture.Connection, LearnedOutputs.MetaKey, "0");
        try
        {
            Assert.True(WarehouseSql.Scalar<long>(fixture.Connection, "SELECT count(*) FROM ml_projection WHERE district_code = '310107'") > 0);

            // The warm-up's first step, before it trains: the default scorecard (and the flags) computed for the new data.
            var precomputed = scores.Scorecard(Putuo, Q2, DistrictScope.City);
            Assert.Equal(DistrictTracker.PendingMethod, precomputed.Tracker!.Methods["T01"]);

            using var trained = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var fitting = Stopwatch.StartNew();
            var training = Task.Run(() => scores.TrainLearnedOutputs(() =>
            {
                // What a page read under the gate waited for before training left it.
                output.WriteLine($"models fitted in {fitting.ElapsedMilliseconds} ms");
                trained.Set();
                release.Wait();
            }));
            try
            {
                // Waits for the models to be fitted (seconds); the timeouts only turn a hang into a failure.
                Assert.True(await Task.Run(() => trained.Wait(TimeSpan.FromMinutes(5))));
                // A period the warm-up did not precompute: scored now, while training holds.
                var clock = Stopwatch.StartNew();
                var during = await Task.Run(() => scores.Scorecard(Putuo, Q1, DistrictScope.City)).WaitAsync(TimeSpan.FromMinutes(2));
                output.WriteLine($"putuo-2024 2024Q1 scorecard computed during training in {clock.ElapsedMilliseconds} ms");
                Assert.Same(precomputed, scores.Scorecard(Putuo, Q2, DistrictScope.City));
                var tracker = during.Tracker!;
                Assert.True(tracker.ModelsPending);
                Assert.Empty(tracker.ModelProjections);
                Assert.Equal("模型预计计算中，暂按季度均速外推", tracker.Methods["T01"]);
                Assert.Equal(DistrictTracker.PendingMethod, tracker.Cells(tracker.Targets.Single(t => t.Code == "T01"))[5]);
                Assert.Equal("按当前值（水平型目标不外推）", tracker.Methods["T05"]);
                var page = WebUtility.HtmlDecode(await TrackerProjectionTests.RenderAsync<TargetTrackerTables>(
                    new Dictionary<string, object?> { [nameof(TargetTrackerTables.Tracker)] = tracker }));
                var row = page[page.IndexOf("data-target=\"T01\"", StringComparison.Ordinal)..];
                Assert.Contains("<td class=\"method\">模型预计计算中，暂按季度均速外推</td>", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
                var flagsDuring = await Task.Run(scores.AllFlags).WaitAsync(TimeSpan.FromMinutes(2));
                Assert.DoesNotContain(flagsDuring, f => f.Kind == AnomalyKinds.IndicatorCombination);

                var briefing = new BriefingReader(fixture.Connection).Read(Q2, DateTimeOffset.UnixEpoch, "310107").Single();
                await using var renderer = new BriefingHtml();
                var html = WebUtility.HtmlDecode(await renderer.DistrictAsync(briefing));
                Assert.Contains("<p class=\"note model-projections-pending\">模型预计计算中，暂按季度均速外推。</p>", html, StringComparison.Ordinal);
                Assert.DoesNotContain("模型预计 197.32张", html, StringComparison.Ordinal);
            }
            finally
            {
                release.Set();
            }

            var result = await training.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.NotNull(result);
            Assert.Equal(4, result.CombinationFlags);
            Assert.Equal(stamp, LearnedOutputs.Stamp(fixture.Connection));

            var after = scores.Scorecard(Putuo, Q2, DistrictScope.City).Tracker!;
            Assert.False(after.ModelsPending);
            Assert.Equal(TrackerProjectionTests.Shown, after.Methods["T01"]);
            Assert.Equal(4, scores.AllFlags().Count(f => f.Kind == AnomalyKinds.IndicatorCombination));
            // Current again: a second training is a no-op.
            Assert.Null(scores.TrainLearnedOutputs());
        }
        finally
        {
            // Leaves the collection's warehouse with current outputs even when an assertion above failed.
            LearnedRefresh.RefreshIfStale(fixture.Connection);
        }
    }

    [Fact]
    public async Task A_failed_training_is_said_on_the_tracker_and_in_the_briefing_until_a_training_succeeds()
    {
        LearnedOutputsFixture.Ensure(fixture);
        var warehouse = WarehouseDatabase.Open(fixture.DatabasePath);
        var scores = new LeadershipScores(warehouse, new PublicStatistics(new WarehouseFigures(warehouse), new SuppressionPolicy(10)), new LeaderPageCache(warehouse));
        WarehouseSql.SetMeta(fixture.Connection, LearnedOutputs.MetaKey, "0");
        try
        {
            var failure = Assert.Throws<InvalidOperationException>(() => scores.TrainLearnedOutputs(() => throw new InvalidOperationException("磁盘已满")));
            Assert.Equal("磁盘已满", failure.Message);

            DistrictTracker Tracker() => scores.Read(connection => DistrictTracker.Read(connection, new TownScorer(connection).Score(Putuo, Q2, store: false)))!;
            var tracker = Tracker();
            Assert.Equal("模型预计未能计算（原因见运行日志），按季度均速外推", tracker.ModelsNote);
            Assert.Equal(DistrictTracker.FailedMethod, tracker.Methods["T01"]);
            Assert.Empty(tracker.ModelProjections);
            var briefing = new BriefingReader(fixture.Connection).Read(Q2, DateTimeOffset.UnixEpoch, "310107").Single();
            await using (var renderer = new BriefingHtml())
            {
                var html = WebUtility.HtmlDecode(await renderer.DistrictAsync(briefing));
                Assert.Contains("<p class=\"note model-projections-pending\">模型预计未能计算（原因见运行日志），按季度均速外推。</p>", html, StringComparison.Ordinal);
            }

            Assert.NotNull(scores.TrainLearnedOutputs());
            var after = Tracker();
            Assert.Null(after.ModelsNote);
            Assert.Equal(TrackerProjectionTests.Shown, after.Methods["T01"]);
        }
        finally
        {
            LearnedRefresh.RefreshIfStale(fixture.Connection);
        }
    }
}
