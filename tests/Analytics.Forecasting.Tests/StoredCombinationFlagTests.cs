using Analytics.Forecasting.Anomalies;
using Analytics.Metrics.Warehouse.Anomalies;

namespace Analytics.Forecasting.Tests;

/// <summary>
/// The RandomizedPca flags, stored by the forecasting refresh, in the flag list every surface reads
/// (<see cref="AnomalyDetection"/>): labelled 组合异常, explained by their contributing indicators, and handled by the
/// same review workflow (owner, status) as the rules' flags.
/// </summary>
[Collection(HardAnomalyCollection.Name)]
public sealed class StoredCombinationFlagTests(HardAnomalyWarehouse fixture)
{
    [Fact]
    public void The_flag_list_carries_each_stored_combination_flag_as_the_detector_raised_it()
    {
        var stored = LearnedOutputsFixture.Ensure(fixture);
        var detected = new IndicatorCombinationDetector().Detect(new AnomalyContext(fixture.Connection))
            .OrderBy(f => f.Period, StringComparer.Ordinal).ThenBy(f => f.DistrictCode, StringComparer.Ordinal).ToList();
        var listed = AnomalyDetection.Run(fixture.Connection, store: false).Where(f => f.Kind == AnomalyKinds.IndicatorCombination).ToList();
        Assert.Equal(4, stored.CombinationFlags);
        Assert.Equal(detected.Select(f => (f.DistrictCode, f.TownName, f.Period, f.IndicatorCode, f.Observed, f.Expected, f.Message, f.Detail)),
            listed.Select(f => (f.DistrictCode, f.TownName, f.Period, f.IndicatorCode, f.Observed, f.Expected, f.Message, f.Detail)));
    }

    [Fact]
    public void A_combination_flag_reads_as_a_组合异常_explained_by_its_contributing_indicators()
    {
        LearnedOutputsFixture.Ensure(fixture);
        var flag = AnomalyDetection.Run(fixture.Connection, store: false)
            .Single(f => f.Kind == AnomalyKinds.IndicatorCombination && f.TownName == "新华路街道" && f.Period == "2024Q1");
        Assert.Equal("组合异常", AnomalyKinds.Label(flag.Kind));
        Assert.Equal((Severity.Medium, "长宁区", "eldercare.meals_served", 27005m), (flag.Severity, flag.DistrictName, flag.IndicatorCode, flag.Observed));
        var contributions = (Dictionary<string, object?>)flag.Numbers["contributions"]!;
        Assert.Equal(["eldercare.meals_served", "eldercare.subsidised_meals"], contributions.Keys);
        Assert.StartsWith("长宁区新华路街道：2024Q1 指标组合偏离同区同类街镇的共同规律：助餐人次 27,005人次，按其他指标的共同走势应约 ", flag.Message, StringComparison.Ordinal);
        Assert.Contains("老年人就餐补贴人次 27,005人次", flag.Message, StringComparison.Ordinal);
        Assert.StartsWith("RandomizedPca 重构误差为同组中位数的 ", flag.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_combination_flag_takes_an_owner_and_a_status_like_any_flag()
    {
        LearnedOutputsFixture.Ensure(fixture);
        var flag = AnomalyDetection.Run(fixture.Connection, store: false)
            .Single(f => f.Kind == AnomalyKinds.IndicatorCombination && f.TownName == "新华路街道" && f.Period == "2024Q1");
        var reviews = new FlagReviewStore(fixture.Connection);
        reviews.Record(flag, FlagStatus.Verified, "长宁区民政局 养老科", "核对台账：补贴人次按助餐人次全额申报，已退回重报", "admin");
        var review = reviews.Current()[FlagReviewStore.Key(flag)];
        Assert.Equal((FlagStatus.Verified, "长宁区民政局 养老科", flag.Message), (review.Status, review.Owner, review.Message));
        Assert.False(FlagReviewStore.NeedsReporting(flag, review));
    }

    [Fact]
    public void The_detector_gives_the_same_flags_on_every_run()
    {
        var first = new IndicatorCombinationDetector().Score(new AnomalyContext(fixture.Connection));
        var second = new IndicatorCombinationDetector().Score(new AnomalyContext(fixture.Connection));
        Assert.Equal(first.Select(s => (s.TownKey, s.Year, s.Quarter, s.Error)), second.Select(s => (s.TownKey, s.Year, s.Quarter, s.Error)));
    }
}
