using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Tests;

[Collection(WarehouseCollection.Name)]
public sealed class JudgementTests(WarehouseFixture fixture)
{
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");
    private static readonly AssessmentPeriod Q2 = AssessmentPeriod.ForQuarter(2024, 2);

    [Fact]
    public void A_judgement_enters_the_score_and_every_change_is_kept()
    {
        var store = new JudgementStore(fixture.Connection);
        const string town = "310117/永丰街道";
        var before = TownScorer.Score(fixture.Warehouse, Songjiang, Q2, store: false).Towns.Single(t => t.Town.TownCode == town).Town.Result;
        var first = store.Record(Songjiang, Q2, town, "S1.1", 8m, "社会救助科 王科长", "政策落实到位，资金发放及时");
        Assert.Null(first.OldScore);
        var second = store.Record(Songjiang, Q2, town, "S1.1", 9m, "社会救助科 李科长", "复核后上调：无错保漏保");
        Assert.Equal(8m, second.OldScore);

        var history = store.History(Songjiang.Id, "2024Q2", town, "S1.1");
        Assert.Equal(2, history.Count);
        Assert.Equal((null, 8m, "社会救助科 王科长"), (history[0].OldScore, history[0].NewScore, history[0].Evaluator));
        Assert.Equal((8m, 9m, "社会救助科 李科长"), (history[1].OldScore, history[1].NewScore, history[1].Evaluator));

        var after = TownScorer.Score(fixture.Warehouse, Songjiang, Q2, store: false).Towns.Single(t => t.Town.TownCode == town).Town.Result;
        var item = after.Item("S1.1");
        Assert.Equal(ItemStatus.Scored, item.Status);
        Assert.Equal(9m, item.Score);
        Assert.Contains("社会救助科 李科长", item.Explanation, StringComparison.Ordinal);
        // S1 weighs 18 over 60 item points: 9 points add 18 × 9 / 60 = 2.7 exactly.
        Assert.Equal(before.Total + 2.7m, after.Total);
        Assert.Equal(before.PendingCount - 1, after.PendingCount);
    }

    [Theory]
    [InlineData("S1.1", 10.5, "超出允许范围")]
    [InlineData("S1.1", -1, "超出允许范围")]
    [InlineData("S1.3b", 5, "自动计算")]
    [InlineData("X9", 1, "没有评分项")]
    [InlineData("S6.1", 5, "年度考")]
    public void An_invalid_judgement_is_refused_with_a_reason(string item, double score, string message)
    {
        var store = new JudgementStore(fixture.Connection);
        var e = Assert.Throws<RubricInputException>(() => store.Record(Songjiang, Q2, "310117/方松街道", item, (decimal)score, "评估人", "理由"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Empty(store.History(Songjiang.Id, "2024Q2", "310117/方松街道", item));
    }

    [Fact]
    public void A_judgement_needs_an_evaluator_and_a_reason()
    {
        var store = new JudgementStore(fixture.Connection);
        Assert.Throws<RubricInputException>(() => store.Record(Songjiang, Q2, "310117/方松街道", "S1.2", 5m, " ", "理由"));
        Assert.Throws<RubricInputException>(() => store.Record(Songjiang, Q2, "310117/方松街道", "S1.2", 5m, "评估人", ""));
    }
}
