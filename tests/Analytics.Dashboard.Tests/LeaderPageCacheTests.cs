using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Warehouse;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The leader pages' results are computed once per data and judgement version; a judgement or a committed load changes the next answer.</summary>
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
}
