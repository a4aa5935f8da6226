namespace Analytics.Metrics.Tests;

public class RankingTests
{
    private static TownResult Town(string code, decimal total) => new(code, $"街镇{code}",
        new RubricResult("r", "1", "2024", AssessmentState.Final, total, 0m, 0m, total, 100m, total, total, Grade.Pass, "合格", [Grade.Pass], false, null, 0, 0, [], []));

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        var ranked = TownRanking.Rank([Town("a", 70m), Town("b", 85m), Town("c", 90m), Town("d", 85m)]);
        Assert.Equal(new[] { 1, 2, 2, 4 }, ranked.Select(r => r.Rank));
        Assert.Equal(new[] { "c", "b", "d", "a" }, ranked.Select(r => r.Town.TownCode));
    }

    [Fact]
    public void Totals_differing_only_in_the_second_decimal_are_not_tied()
    {
        var ranked = TownRanking.Rank([Town("a", 88.01m), Town("b", 88.00m), Town("c", 88.0m)]);
        Assert.Equal(new[] { 1, 2, 2 }, ranked.Select(r => r.Rank));
    }

    [Fact]
    public void All_equal_totals_all_rank_first()
    {
        Assert.All(TownRanking.Rank([Town("a", 60m), Town("b", 60m), Town("c", 60m)]), r => Assert.Equal(1, r.Rank));
    }

    [Fact]
    public void Ranking_real_evaluations_orders_by_total()
    {
        var rubric = RubricCatalog.Get("changning-2023");
        var full = RubricEvaluator.Evaluate(rubric, TestInputs.ChangningFull().Build());
        var weaker = RubricEvaluator.Evaluate(rubric, TestInputs.ChangningFull().Set("findings.publicity", 1).Build());
        var ranked = TownRanking.Rank([new TownResult("310105002", "江苏路街道", weaker), new TownResult("310105001", "华阳路街道", full)]);
        Assert.Equal("华阳路街道", ranked[0].Town.TownName);
        Assert.Equal(99.5m, ranked[1].Town.Result.Total);
        Assert.Equal(2, ranked[1].Rank);
    }
}
