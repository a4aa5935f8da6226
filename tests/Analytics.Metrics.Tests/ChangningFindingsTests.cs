namespace Analytics.Metrics.Tests;

/// <summary>长宁 2023 items whose formula or input changed with the findings register, to the exact decimal.</summary>
public class ChangningFindingsTests
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");

    private static RubricResult Evaluate(Func<TestInputs, TestInputs> change) =>
        RubricEvaluator.Evaluate(Changning, change(TestInputs.ChangningFull()).Build());

    [Theory]
    [InlineData(0, 0, 0, 1)]
    [InlineData(1, 0, 0, 0.5)] // 巡查上报转送 not done
    [InlineData(0, 1, 2, 0.1)] // placement missed −0.5, two cases −0.4
    [InlineData(0, 0, 3, 0.4)] // three cases −0.6
    [InlineData(0, 0, 5, 0)] // −1.0 exactly
    [InlineData(1, 1, 1, 0)] // −1.2, floor at zero
    public void C5_deducts_half_a_point_per_missed_duty_and_0_2_per_case_from_one_point(int patrol, int placement, int cases, decimal expected)
    {
        var item = Evaluate(t => t.Set("findings.vagrant_patrol_missed", patrol).Set("findings.vagrant_placement_missed", placement)
            .Set("findings.vagrant_assistance", cases)).Item("C5");
        Assert.Equal((ItemStatus.Scored, expected), (item.Status, item.Score));
    }

    [Theory]
    [InlineData(200, 200, 1)]
    [InlineData(201, 200, 0)]
    [InlineData(199, 200, 0)]
    [InlineData(0, 0, 1)] // no 低保 recipients in the system: not applicable, full
    public void B6_2_scores_one_point_only_when_the_ledger_equals_the_system(int reported, int system, decimal expected)
    {
        var item = Evaluate(t => t.Set("dibao.recipients_reported", reported).Set("dibao.recipients", system)).Item("B6.2");
        Assert.Equal(expected, item.Score);
    }

    [Theory]
    [InlineData("B3.2", "assistance.periodic_reviews_late", 3, 0.5)]
    [InlineData("E1.2", "assistance.follow_ups_late", 2, 1)]
    [InlineData("D2.2", "dibao.uninsured_cases", 4, 0.6)]
    public void System_counted_items_deduct_per_case(string code, string input, int cases, decimal expected) =>
        Assert.Equal(expected, Evaluate(t => t.Set(input, cases)).Item(code).Score);

    [Fact]
    public void An_item_awaiting_inspection_is_pending_with_its_reason_and_the_total_drops_by_its_maximum()
    {
        var result = Evaluate(t => t.Remove("findings.improper_inclusion")
            .Gap("findings.improper_inclusion", ItemStatus.Pending, "区民政局尚未完成E1.1检查（督查发现台账未结项）"));
        var item = result.Item("E1.1");
        Assert.Equal((ItemStatus.Pending, 0m), (item.Status, item.Score));
        Assert.Equal("待评：区民政局尚未完成E1.1检查（督查发现台账未结项），暂记 0 分", item.Explanation);
        Assert.Equal(97m, result.Total);
        Assert.Equal(1, result.PendingCount);
    }

    [Fact]
    public void Recorded_cases_of_an_open_inspection_still_wait_but_a_recorded_veto_case_decides_at_once()
    {
        var result = Evaluate(t => t.Set("findings.improper_inclusion", 2).Gap("findings.improper_inclusion", ItemStatus.Pending, "未结项")
            .Set("findings.criminal_case", 1).Gap("findings.criminal_case", ItemStatus.Pending, "未结项"));
        Assert.Equal(ItemStatus.Pending, result.Item("E1.1").Status);
        Assert.True(result.Vetoed);
        Assert.Equal(Grade.Fail, result.Grade);
        Assert.Equal(ItemStatus.Scored, result.Item("V1").Status);
    }

    [Fact]
    public void A_veto_without_any_record_is_never_read_as_not_triggered()
    {
        var pending = Evaluate(t => t.Remove("findings.criminal_case").Gap("findings.criminal_case", ItemStatus.Pending, "区民政局尚未结项"));
        Assert.False(pending.Vetoed);
        Assert.Equal(ItemStatus.Pending, pending.Item("V1").Status);
        Assert.Equal("待评：区民政局尚未结项，一票否决事项尚无定论", pending.Item("V1").Explanation);

        var missing = Evaluate(t => t.Remove("findings.criminal_case")).Item("V1");
        Assert.Equal(ItemStatus.MissingInput, missing.Status);
        Assert.DoesNotContain("按未发生处理", missing.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_ledger_makes_D1_1_missing_data_instead_of_no_disaster()
    {
        var item = Evaluate(t => t.Remove("disaster.max_report_delay_hours")
            .Gap("disaster.max_report_delay_hours", ItemStatus.MissingInput, "街镇台账应报 4 份，实报 3 份，台账数据不全")).Item("D1.1");
        Assert.Equal((ItemStatus.MissingInput, 0m), (item.Status, item.Score));
        Assert.Equal("缺数据：街镇台账应报 4 份，实报 3 份，台账数据不全，暂记 0 分", item.Explanation);
    }
}
