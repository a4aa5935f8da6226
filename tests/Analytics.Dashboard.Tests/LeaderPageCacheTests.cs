using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Warehouse;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The leader pages' results are computed once per data, judgement (findings included) and flag-review version and per
/// access scope; a judgement, a finding, a flag review or a committed load changes the next answer, and no user is served
/// what was computed for another scope.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LeaderPageCacheTests(DashboardFixture fixture)
{
    private const string RubricId = "songjiang-2024";
    private const string Period = "2024Q4";

    [Fact]
    public async Task A_scorecard_is_computed_once_per_version_and_a_judgement_or_a_load_changes_the_next_request()
    {
        var scores = fixture.Services.GetRequiredService<LeadershipScores>();
        var rubric = RubricCatalog.Get(RubricId);
        Assert.True(AssessmentPeriod.TryParse(Period, out var period));
        var first = scores.Scorecard(rubric, period, DistrictScope.City);
        Assert.Same(first, scores.Scorecard(rubric, period, DistrictScope.City));
        Assert.Same(scores.Score(rubric, period, DistrictScope.City), scores.Score(rubric, period, DistrictScope.City));

        var leader = await fixture.SignedInAsAsync("cache-leader", Roles.Leader);
        var url = $"/leader/scorecard?rubric={RubricId}&period={Period}";
        await leader.GetStringAsync(url);
        Assert.Same(first, scores.Scorecard(rubric, period, DistrictScope.City));

        var judgements = fixture.Services.GetRequiredService<EvaluatorJudgements>();
        var town = judgements.Units(rubric, period).Where(u => !u.IsDistrict).ToList()[8];
        judgements.Record("cache-evaluator", rubric, period, town.Code, "S1.1", 9m, "缓存应随评分失效");
        var page = new HtmlParser().ParseDocument(await leader.GetStringAsync(url));
        var expected = fixture.Score(RubricId, Period).Towns.Single(t => t.Town.TownCode == town.Code).Town.Result;
        Assert.Equal(9m, expected.Item("S1.1").Score);
        Assert.Equal(ResultText.Total(expected), page.QuerySelector($"table.scorecard tr[data-town='{town.Code}'] td.total")!.TextContent);
        var afterJudgement = scores.Scorecard(rubric, period, DistrictScope.City);
        Assert.NotSame(first, afterJudgement);
        Assert.Equal(expected.Total, afterJudgement.Score.Towns.Single(t => t.Town.TownCode == town.Code).Town.Result.Total);

        // What a committed load does: the data version moves, and the next request computes afresh.
        fixture.Services.GetRequiredService<WarehouseDatabase>().MarkDataChanged();
        Assert.NotSame(afterJudgement, scores.Scorecard(rubric, period, DistrictScope.City));
    }

    [Fact]
    public async Task Two_leaders_with_different_districts_never_see_each_others_cached_comparison()
    {
        var songjiang = new DistrictScope(new HashSet<string> { "310117" });
        var qingpu = new DistrictScope(new HashSet<string> { "310118" });
        var comparison = fixture.Services.GetRequiredService<DistrictComparison>();
        var mine = comparison.Compare(null, songjiang)!;
        var theirs = comparison.Compare(null, qingpu)!;
        Assert.Equal(["310117"], mine.Districts.Select(d => d.Code).ToArray());
        Assert.Equal(["310118"], theirs.Districts.Select(d => d.Code).ToArray());
        Assert.Same(mine, comparison.Compare(null, songjiang));
        Assert.Equal(4, comparison.Compare(null, DistrictScope.City)!.Districts.Count);

        // The same through the pages, each leader asking right after the other.
        var songjiangLeader = await fixture.SignedInAsAsync("cache-scope-songjiang", songjiang, Roles.Leader);
        var qingpuLeader = await fixture.SignedInAsAsync("cache-scope-qingpu", qingpu, Roles.Leader);
        var parser = new HtmlParser();
        foreach (var (client, district) in new[] { (songjiangLeader, "310117"), (qingpuLeader, "310118"), (songjiangLeader, "310117") })
        {
            var page = parser.ParseDocument(await client.GetStringAsync("/leader/compare"));
            Assert.Equal([district], page.QuerySelectorAll("th[data-district]").Select(th => th.GetAttribute("data-district")!).ToArray());
            var csv = await client.GetStringAsync("/api/leader/compare?format=csv");
            Assert.Contains(DistrictScope.NameOf(district), csv, StringComparison.Ordinal);
            Assert.DoesNotContain(DistrictScope.NameOf(district == "310117" ? "310118" : "310117"), csv, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_scorecard_cached_for_one_district_is_refused_to_a_scope_without_it()
    {
        var scores = fixture.Services.GetRequiredService<LeadershipScores>();
        var rubric = RubricCatalog.Get(RubricId);
        Assert.True(AssessmentPeriod.TryParse(Period, out var period));
        var songjiang = new DistrictScope(new HashSet<string> { "310117" });
        Assert.Same(scores.Scorecard(rubric, period, songjiang), scores.Scorecard(rubric, period, songjiang));
        Assert.Throws<InvalidOperationException>(() => scores.Scorecard(rubric, period, new DistrictScope(new HashSet<string> { "310118" })));
        Assert.Throws<InvalidOperationException>(() => scores.Score(rubric, period, new DistrictScope(new HashSet<string>())));
    }

    [Fact]
    public void A_closed_inspection_and_a_flag_review_each_change_the_next_scorecard()
    {
        var scores = fixture.Services.GetRequiredService<LeadershipScores>();
        var rubric = RubricCatalog.Get("changning-2023");
        var year = AssessmentPeriod.ForYear(2023);
        var town = fixture.Services.GetRequiredService<EvaluatorJudgements>().Units(rubric, year).Where(u => !u.IsDistrict).ToList()[^1];
        var before = scores.Scorecard(rubric, year, DistrictScope.City);
        Assert.Equal(ItemStatus.Pending, Item(before, town.Code, "E2.1").Status);

        using (var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect())
        {
            new FindingStore(connection).Close(rubric, year, town.Code, "E2.1", "cache-evaluator", "检查完毕，未发现问题");
        }

        var afterInspection = scores.Scorecard(rubric, year, DistrictScope.City);
        Assert.NotSame(before, afterInspection);
        Assert.Equal(fixture.Score("changning-2023", "2023").Towns.Single(t => t.Town.TownCode == town.Code).Town.Result.Item("E2.1").Score,
            Item(afterInspection, town.Code, "E2.1").Score);
        Assert.NotEqual(ItemStatus.Pending, Item(afterInspection, town.Code, "E2.1").Status);
        Assert.Same(afterInspection, scores.Scorecard(rubric, year, DistrictScope.City));

        var flag = scores.AllFlags()[^1];
        fixture.Services.GetRequiredService<FlagReviews>().Record("cache-leader", FlagReviewStore.Key(flag), FlagStatus.Pending, "缓存测试责任人", null);
        Assert.NotSame(afterInspection, scores.Scorecard(rubric, year, DistrictScope.City));
    }

    private static ItemResult Item(Scorecard card, string town, string item) =>
        card.Score.Towns.Single(t => t.Town.TownCode == town).Town.Result.Item(item);
}
