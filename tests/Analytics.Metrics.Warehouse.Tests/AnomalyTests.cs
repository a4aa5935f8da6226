using Analytics.Metrics.Warehouse.Anomalies;

namespace Analytics.Metrics.Warehouse.Tests;

[Collection(WarehouseCollection.Name)]
public sealed class AnomalyTests(WarehouseFixture fixture)
{
    private IReadOnlyList<AnomalyFlag> Flags => _flags ??= AnomalyDetection.Run(fixture.Connection, store: false);
    private IReadOnlyList<AnomalyFlag>? _flags;

    public static TheoryData<string> InjectedKinds =>
    [
        AnomalyKinds.SuddenDrop, AnomalyKinds.SuddenSpike, AnomalyKinds.LedgerMismatch, AnomalyKinds.DuplicatePayments,
        AnomalyKinds.CertificateRateJump, AnomalyKinds.MissingSubmission,
    ];

    [Theory]
    [MemberData(nameof(InjectedKinds))]
    public void Each_injected_kind_is_flagged_in_its_town_and_quarter_with_numbers_and_a_sentence(string kind)
    {
        var truth = AnomalyEvaluation.ReadTruth(fixture.TruthPath).Single(t => t.Kind == kind);
        var flag = Assert.Single(Flags, f => f.Kind == kind && f.DistrictCode == truth.DistrictCode && f.TownName == truth.Town && f.Period == truth.Quarter);
        Assert.NotEqual(Severity.Low, flag.Severity);
        Assert.NotEmpty(flag.Numbers);
        Assert.StartsWith(truth.District + truth.Town + "：" + truth.Quarter, flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Precision_and_recall_against_the_ground_truth_are_at_least_0_8()
    {
        var evaluation = AnomalyEvaluation.Evaluate(Flags, AnomalyEvaluation.ReadTruth(fixture.TruthPath));
        Assert.True(evaluation.Precision >= 0.8, $"precision {evaluation.Precision}: {string.Join(" | ", evaluation.FalseFlags.Select(f => f.Message))}");
        Assert.True(evaluation.Recall >= 0.8, $"recall {evaluation.Recall}: {string.Join(" | ", evaluation.Missed.Select(m => m.Description))}");
    }

    [Fact]
    public void Peer_outliers_use_the_robust_z_score_among_towns_of_the_same_district_and_type()
    {
        var flag = Flags.First(f => f.Kind == AnomalyKinds.PeerOutlier);
        var z = Convert.ToDouble(flag.Numbers["robust_z"]);
        Assert.True(Math.Abs(z) >= PeerOutlierDetector.Threshold);
        Assert.Equal("town", flag.Level);
        Assert.StartsWith("同区同类", flag.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Peer_flags_are_worded_by_the_indicator_direction_with_good_outliers_as_highlights()
    {
        var peers = Flags.Where(f => f.Kind is AnomalyKinds.PeerOutlier or AnomalyKinds.PeerHighlight).ToList();
        Assert.Contains(peers, f => f.Kind == AnomalyKinds.PeerHighlight);
        Assert.Contains(peers, f => f.Kind == AnomalyKinds.PeerOutlier);
        foreach (var flag in peers)
        {
            var indicator = Indicators.IndicatorCatalog.Get(flag.IndicatorCode!);
            var z = Convert.ToDouble(flag.Numbers["robust_z"], System.Globalization.CultureInfo.InvariantCulture);
            var above = z > 0 ? "明显高于同类街镇" : "明显低于同类街镇";
            var good = indicator.Direction == Indicators.IndicatorDirection.Higher ? z > 0 : z < 0;
            var reading = indicator.Direction == Indicators.IndicatorDirection.Neutral ? "（规模指标，不分好坏）" : good ? "（较好）" : "（较差）";
            Assert.EndsWith(above + reading, flag.Message, StringComparison.Ordinal);
            Assert.Equal(good && indicator.Direction != Indicators.IndicatorDirection.Neutral ? AnomalyKinds.PeerHighlight : AnomalyKinds.PeerOutlier, flag.Kind);
            // Plain words on the page: the statistics sit in the detail line only.
            Assert.DoesNotContain("稳健", flag.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("中位数", flag.Message, StringComparison.Ordinal);
            Assert.Contains("稳健 z 值", flag.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lower_is_better_rate_far_below_its_peers_is_a_highlight_and_its_median_is_the_peers_median()
    {
        var flag = Flags.First(f => f.Kind == AnomalyKinds.PeerHighlight
            && Indicators.IndicatorCatalog.Get(f.IndicatorCode!).Direction == Indicators.IndicatorDirection.Lower);
        Assert.EndsWith("明显低于同类街镇（较好）", flag.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Low, flag.Severity);
        var (year, quarter) = (int.Parse(flag.Period[..4], System.Globalization.CultureInfo.InvariantCulture), flag.Period[5] - '0');
        // The peers: 街镇 of the same district and type with a value in the same quarter.
        var median = fixture.Scalar<double>($"""
            SELECT median(m.value::DOUBLE) FROM metric_value m JOIN dim_region r USING (town_key)
            WHERE m.indicator_code = '{flag.IndicatorCode}' AND m.level = 'town' AND m.year = {year} AND m.quarter = {quarter} AND m.value IS NOT NULL
              AND r.district_code = '{flag.DistrictCode}'
              AND r.town_type = (SELECT town_type FROM dim_region WHERE town_key = {flag.TownKey})
            """);
        Assert.Equal(Math.Round(median, 2), Convert.ToDouble(flag.Numbers["peer_median"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_skill_certificate_rate_is_compared_over_care_workers_not_all_staff()
    {
        Assert.DoesNotContain(Flags, f => f.IndicatorCode == "eldercare.skill_certificate_rate" && f.Kind is AnomalyKinds.PeerOutlier or AnomalyKinds.PeerHighlight);
        Assert.Contains("eldercare.skill_certificate_rate", PeerOutlierDetector.Superseded);
        Assert.NotNull(Indicators.IndicatorCatalog.Find("eldercare.care_worker_skill_rate"));
    }

    [Fact]
    public void Annual_targets_at_risk_are_flagged_per_district_with_the_projection()
    {
        var flags = Flags.Where(f => f.Kind == AnomalyKinds.TargetAtRisk).ToList();
        Assert.NotEmpty(flags);
        Assert.All(flags, f =>
        {
            Assert.Equal("district", f.Level);
            Assert.True(f.Observed < f.Expected);
            Assert.Contains("年度目标有风险", f.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Flags_are_stored()
    {
        var flags = AnomalyDetection.Run(fixture.Connection);
        Assert.Equal(flags.Count, fixture.Scalar<long>("SELECT count(*) FROM anomaly_flag"));
        Assert.Equal(0, fixture.Scalar<long>("SELECT count(*) FROM anomaly_flag WHERE message = '' OR numbers = '{}'"));
    }
}
