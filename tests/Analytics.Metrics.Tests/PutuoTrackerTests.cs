namespace Analytics.Metrics.Tests;

/// <summary>普陀 2024 tracker rows: value to date, target, projection, status and source per target of seed 004.</summary>
public class PutuoTrackerTests
{
    private static readonly Rubric Putuo = RubricCatalog.Get("putuo-2024");

    private static TestInputs ThirdQuarter() => TestInputs.Empty().In(AssessmentPeriod.ForQuarter(2024, 3))
        .Set("eldercare.new_beds", 120).Set("eldercare.new_smart_homes", 2).Set("eldercare.new_internet_hospital_homes", 1)
        .Set("eldercare.new_dementia_beds", 105).Set("eldercare.nursing_beds", 620).Set("eldercare.beds", 1000)
        .Set("eldercare.senior_certified_workers", 300).Set("eldercare.care_workers", 1000)
        .Before("eldercare.senior_certified_workers", 280).Before("eldercare.care_workers", 1000)
        .Set("eldercare.new_canteens", 0).Set("eldercare.new_service_centres", 2).Set("eldercare.new_doorstep_stations", 3)
        .Set("eldercare.home_adaptations", 300).Set("eldercare.one_touch_new_users", 9000)
        .Set("eldercare.smart_water_meters", 600).Set("eldercare.home_care_beds", 300)
        .Set("assistance.advisor_station_towns", 10)
        .Set("socorg.evaluation_participants", 45).Set("socorg.evaluation_eligible", 50);

    private static IReadOnlyList<TrackedTarget> Track(TestInputs inputs) =>
        TargetTracker.Track(Putuo, RubricEvaluator.Evaluate(Putuo, inputs.Build()));

    [Fact]
    public void Every_target_of_seed_004_has_a_tracker_row()
    {
        var rows = Track(ThirdQuarter());
        Assert.Equal(21, rows.Count);
        Assert.Equal(["T01", "T14", "T15", "T16", "T17", "T18", "T19", "T20", "T21"],
            rows.Select(r => r.Code).Where(c => c is "T01" or "T14" or "T15" or "T16" or "T17" or "T18" or "T19" or "T20" or "T21"));
        Assert.Contains(rows, r => r.Name == "10 个街镇救助顾问服务站全覆盖");
        Assert.Contains(rows, r => r.Name == "安全生产“零事故”");
        Assert.Contains(rows, r => r.Name == "建立“长三角养老服务人才培养基地”");
    }

    [Fact]
    public void Third_quarter_rows_show_value_to_date_run_rate_projection_and_status()
    {
        var rows = Track(ThirdQuarter()).ToDictionary(r => r.Code);
        // 120 beds by Q3 → 120 × 4 / 3 = 160 of 200: at risk.
        Assert.Equal(("120张", "200张", "160张", "有风险", "数据"),
            (rows["T01"].ToDateText, rows["T01"].TargetText, rows["T01"].ProjectionText, rows["T01"].Status, rows["T01"].Source));
        // 2 smart homes by Q3 → 2.67 projected of 2: on track.
        Assert.Equal(2.67m, rows["T02"].Projection);
        Assert.Equal("按进度", rows["T02"].Status);
        // 护理型床位 620/1000 = 62% ≥ 60%: a level target projects its current value.
        Assert.Equal(("62%", "60%", "62%", "按进度"), (rows["T05"].ToDateText, rows["T05"].TargetText, rows["T05"].ProjectionText, rows["T05"].Status));
        // 中高级持证率 30% against 28% a year before: rising.
        Assert.Equal(("30%", "高于上年同期（28%）", "按进度"), (rows["T06"].ToDateText, rows["T06"].TargetText, rows["T06"].Status));
        // No canteen yet: 0 projects to 0 of 1.
        Assert.Equal("有风险", rows["T07"].Status);
        // 应评 50, evaluated 45: 90% of 100%.
        Assert.Equal(("90%", "100%", "有风险", 9m), (rows["T15"].ToDateText, rows["T15"].TargetText, rows["T15"].Status, rows["T15"].Score));
        Assert.Equal(("10个街镇", "按进度"), (rows["T14"].ToDateText, rows["T14"].Status));
    }

    [Fact]
    public void A_target_without_a_bureau_entry_is_pending_never_missed_and_never_zero()
    {
        var result = RubricEvaluator.Evaluate(Putuo, ThirdQuarter().In(AssessmentPeriod.ForYear(2024)).Build());
        var rows = TargetTracker.Track(Putuo, result).ToDictionary(r => r.Code);
        foreach (var code in new[] { "T16", "T17", "T18", "T19", "T20", "T21" })
        {
            Assert.Equal(("待录入", "待录入", "—", "区局录入（未录入）"), (rows[code].Status, rows[code].ToDateText, rows[code].ProjectionText, rows[code].Source));
            Assert.Null(rows[code].ToDate);
            Assert.Equal(ItemStatus.Pending, result.Item(code).Status);
        }

        // Six pending targets keep the total provisional: the range spans their 60 points.
        Assert.Equal(AssessmentState.Provisional, result.State);
        Assert.Equal(6, result.PendingCount);
    }

    [Fact]
    public void Year_end_reads_met_or_missed_for_data_and_entered_targets()
    {
        var inputs = ThirdQuarter().In(AssessmentPeriod.ForYear(2024)).Set("eldercare.new_beds", 337)
            .Judge("T16", 1, "李录入", "社联会党委核查：应建 42 家，已建 42 家").Judge("T17", 1, "李录入", "10 月一起一般事故")
            .Judge("T18", 3, "李录入", "三个社区改造竣工验收").Judge("T19", 96, "李录入", "轮训签到表 240/250")
            .Judge("T20", 1, "李录入", "工作室挂牌").Judge("T21", 0, "李录入", "基地协议尚未签署");
        var rows = Track(inputs).ToDictionary(r => r.Code);
        Assert.Equal(("337张", "337张", "已完成"), (rows["T01"].ToDateText, rows["T01"].ProjectionText, rows["T01"].Status));
        Assert.Equal("未完成", rows["T07"].Status);
        Assert.Equal(("是", "是", "已完成", 10m), (rows["T16"].ToDateText, rows["T16"].TargetText, rows["T16"].Status, rows["T16"].Score));
        Assert.Equal(("1起", "≤ 0起", "未完成", 0m), (rows["T17"].ToDateText, rows["T17"].TargetText, rows["T17"].Status, rows["T17"].Score));
        Assert.Equal(("3个", "3个", "已完成"), (rows["T18"].ToDateText, rows["T18"].TargetText, rows["T18"].Status));
        Assert.Equal(("96%", "100%", "未完成", 9.6m), (rows["T19"].ToDateText, rows["T19"].TargetText, rows["T19"].Status, rows["T19"].Score));
        Assert.Equal(("否", "未完成", 0m), (rows["T21"].ToDateText, rows["T21"].Status, rows["T21"].Score));
        Assert.Equal("区局录入（李录入）", rows["T20"].Source);
    }

    [Fact]
    public void A_yes_no_entry_accepts_only_one_or_zero()
    {
        var e = Assert.Throws<RubricInputException>(() => RubricEvaluator.Evaluate(Putuo, ThirdQuarter().Judge("T20", 2).Build()));
        Assert.Contains("只接受 1（是）或 0（否）", e.Message);
    }
}
