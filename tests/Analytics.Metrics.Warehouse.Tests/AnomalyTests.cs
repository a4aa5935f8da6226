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
        Assert.Contains("同区同类", flag.Message, StringComparison.Ordinal);
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
