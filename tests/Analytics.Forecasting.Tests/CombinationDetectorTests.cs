using Analytics.Forecasting.Anomalies;
using Analytics.Metrics.Warehouse.Anomalies;

namespace Analytics.Forecasting.Tests;

[Collection(HardAnomalyCollection.Name)]
public sealed class CombinationDetectorTests(HardAnomalyWarehouse fixture)
{
    private static IReadOnlyList<AnomalyFlag>? _flags;

    private IReadOnlyList<AnomalyFlag> Flags => _flags ??= new IndicatorCombinationDetector().Detect(new AnomalyContext(fixture.Connection)).ToList();

    [Fact]
    public void Subsidy_inflation_is_flagged_and_explained_by_the_two_meal_counts_that_moved_apart()
    {
        var flag = Assert.Single(Flags, f => f.DistrictName == "长宁区" && f.TownName == "新华路街道" && f.Period == "2024Q1");
        Assert.Equal(IndicatorCombinationDetector.Kind, flag.Kind);
        var contributions = (Dictionary<string, object?>)flag.Numbers["contributions"]!;
        Assert.Equal(["eldercare.meals_served", "eldercare.subsidised_meals"], contributions.Keys);
        // Every meal served was claimed as subsidised: both counts read 27,005 (the truth's observed value).
        Assert.Equal(27005m, flag.Observed);
        Assert.Contains("助餐人次 27,005人次", flag.Message, StringComparison.Ordinal);
        Assert.Contains("老年人就餐补贴人次 27,005人次", flag.Message, StringComparison.Ordinal);
        Assert.Contains("RandomizedPca", flag.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_indicator_contributions_of_a_row_add_up_to_its_whole_error()
    {
        var scores = new IndicatorCombinationDetector().Score(new AnomalyContext(fixture.Connection));
        Assert.All(scores.Where(s => s.Error > 0), s => Assert.Equal(1.0, s.Contributions.Sum(c => c.Share), 9));
        Assert.All(scores, s => Assert.Equal(IndicatorCombinationDetector.IndicatorCount, s.Contributions.Count));
    }

    [Fact]
    public void The_rules_the_detector_and_both_together_have_exact_precision_and_recall_against_the_truth()
    {
        var truth = AnomalyEvaluation.ReadTruth(fixture.TruthPath);
        var scores = DetectorComparison.Compare(AnomalyDetection.Run(fixture.Connection, store: false), Flags, truth);
        Assert.Equal([(6, 6, 6), (4, 4, 4), (10, 10, 10)], scores.Select(s => (s.Flags, s.TruePositives, s.Found)));
        Assert.All(scores, s => Assert.Equal(12, s.Truth));
        Assert.Equal([1.0, 1.0, 1.0], scores.Select(s => s.Precision));
        Assert.Equal([0.5, 4 / 12.0, 10 / 12.0], scores.Select(s => s.Recall));
    }

    [Fact]
    public void The_evaluate_comparison_prints_each_detector_set_and_every_combination_flag()
    {
        var truth = AnomalyEvaluation.ReadTruth(fixture.TruthPath);
        var writer = new StringWriter();
        DetectorComparisonReport.Write(writer, DetectorComparison.Compare(AnomalyDetection.Run(fixture.Connection, store: false), Flags, truth), Flags);
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("检测方法比较（全部注入异常）detectors compared:", lines[0]);
        Assert.Equal("  规则 rules：查准率 1.000（6/6）；查全率 0.500（6/12）", lines[1]);
        Assert.Equal("  RandomizedPca：查准率 1.000（4/4）；查全率 0.333（4/12）", lines[2]);
        Assert.Equal("  规则 + RandomizedPca：查准率 1.000（10/10）；查全率 0.833（10/12）", lines[3]);
        Assert.Equal(4, lines.Count(l => l.StartsWith("  [组合] ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("  [组合] 长宁区新华路街道：2024Q1 指标组合偏离同区同类街镇的共同规律：助餐人次 27,005人次", StringComparison.Ordinal));
    }
}
