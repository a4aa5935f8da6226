namespace Analytics.Metrics.Tests;

/// <summary>普陀 2024 target tracking: progress to date and linear projection to year end.</summary>
public class PutuoTargetTests
{
    private static readonly Rubric Putuo = RubricCatalog.Get("putuo-2024");

    /// <summary>Half of every cumulative target done by the end of Q2: exactly on track.</summary>
    private static TestInputs HalfYear() => TestInputs.Empty().In(AssessmentPeriod.ForQuarter(2024, 2))
        .Set("eldercare.new_beds", 100).Set("eldercare.new_smart_homes", 1).Set("eldercare.new_internet_hospital_homes", 1)
        .Set("eldercare.new_dementia_beds", 70).Set("eldercare.nursing_beds", 550).Set("eldercare.beds", 1000)
        .Set("eldercare.senior_certified_workers", 300).Set("eldercare.care_workers", 1000)
        .Set("eldercare.new_canteens", 1).Set("eldercare.new_service_centres", 1).Set("eldercare.new_doorstep_stations", 3)
        .Set("eldercare.home_adaptations", 225).Set("eldercare.one_touch_new_users", 5000)
        .Set("eldercare.smart_water_meters", 400).Set("eldercare.home_care_beds", 250)
        .Set("assistance.advisor_station_towns", 8)
        .Set("socorg.evaluation_participants", 45).Set("socorg.evaluation_eligible", 50)
        .Judge("T16", 1).Judge("T17", 0).Judge("T18", 1).Judge("T19", 80).Judge("T20", 1).Judge("T21", 0);

    [Fact]
    public void Hand_computed_second_quarter_totals_84_52()
    {
        // 11 cumulative targets on track: 110. 护理型床位 55% of 60% → 10 × 55/60 = 9.17. Growth without baseline: 0.
        // Advisor stations 8 of 10 towns → 8. 应评 45 of 50 evaluated: 90% of 100% → 9. Bureau entries: 应建尽建 是 10,
        // 零事故 0 起 10, 社区改造 1 of 3 → 3.33, 主任轮训 80% → 8, 工匠工作室 是 10, 长三角基地 否 0.
        // Earned 177.50 of 210 → 100 × 177.5/210 = 84.5238… → 84.52.
        var result = RubricEvaluator.Evaluate(Putuo, HalfYear().Build());
        Assert.Equal(9.17m, result.Item("T05").Score);
        Assert.Equal(ItemStatus.NoBaseline, result.Item("T06").Status);
        Assert.Equal(9m, result.Item("T15").Score);
        Assert.Equal(3.33m, result.Item("T18").Score);
        Assert.Equal(0m, result.Item("T21").Score);
        Assert.Equal(210m, result.Items.Sum(i => i.Maximum));
        Assert.Equal(84.52m, result.Total);
    }

    [Fact]
    public void A_district_work_plan_reports_target_status_and_never_a_grade()
    {
        // 84.52 would read 良好 on invented 90/80/60 bands; the notice lists targets only, so the tracker grades nothing.
        var result = RubricEvaluator.Evaluate(Putuo, HalfYear().Build());
        Assert.Equal(AssessmentState.Final, result.State);
        Assert.Null(result.Grade);
        Assert.Empty(result.PossibleGrades);
        Assert.Equal("目标跟踪，不评定等级", result.GradeLabel);
        Assert.Equal("总分 84.52（满分 100）· 目标跟踪，不评定等级", result.Headline);
    }

    [Theory]
    [InlineData(1, 50, 200, 10)]
    [InlineData(2, 80, 160, 8)]
    [InlineData(3, 150, 200, 10)]
    [InlineData(3, 100, 133.33, 6.67)]
    [InlineData(4, 210, 210, 10)]
    [InlineData(4, 150, 150, 7.5)]
    public void New_beds_are_projected_linearly_from_quarters_elapsed(int quarter, int toDate, decimal projected, decimal score)
    {
        var inputs = HalfYear().Set("eldercare.new_beds", toDate).In(AssessmentPeriod.ForQuarter(2024, quarter));
        var item = RubricEvaluator.Evaluate(Putuo, inputs.Build()).Item("T01");
        Assert.Equal(projected, item.Target!.ProjectedYearEnd);
        Assert.Equal(toDate, item.Target.ToDate);
        Assert.Equal(score, item.Score);
        Assert.Equal(projected >= 200m, item.Target.OnTrack);
    }

    [Theory]
    [InlineData(2, 100, "按进度")] // 100 by Q2 projects to 200 of 200
    [InlineData(3, 100, "有风险")] // 100 by Q3 projects to 133.33
    [InlineData(4, 337, "已完成")] // the year's actual figure decides at year end
    [InlineData(4, 199, "未完成")]
    public void A_target_reads_on_track_or_at_risk_in_the_year_and_met_or_missed_at_year_end(int quarter, int toDate, string status)
    {
        var inputs = HalfYear().Set("eldercare.new_beds", toDate).In(AssessmentPeriod.ForQuarter(2024, quarter));
        Assert.Equal(status, RubricEvaluator.Evaluate(Putuo, inputs.Build()).Item("T01").Target!.Status);
    }

    [Fact]
    public void The_whole_year_reads_met_or_missed()
    {
        var inputs = HalfYear().Set("eldercare.new_beds", 337).In(AssessmentPeriod.ForYear(2024));
        Assert.Equal("已完成", RubricEvaluator.Evaluate(Putuo, inputs.Build()).Item("T01").Target!.Status);
    }

    [Fact]
    public void The_district_work_plan_is_scored_for_the_district_and_ranks_no_town()
    {
        Assert.Equal(AssessmentUnit.District, Putuo.Unit);
        Assert.False(Putuo.RanksTowns);
        Assert.All(RubricCatalog.All.Where(r => r.Id != "putuo-2024"), r => Assert.Equal(AssessmentUnit.Town, r.Unit));
    }

    [Fact]
    public void Projection_explanation_states_target_progress_and_projection()
    {
        var item = RubricEvaluator.Evaluate(Putuo, HalfYear().Set("eldercare.new_beds", 80).Build()).Item("T01");
        Assert.Equal("新增养老床位 200 张：年度目标 200张，截至 2024Q2 完成 80张（40.0%），按已过 2 个季度线性推算全年 160张，预计难以完成目标，得 8 分（满分 10 分）",
            item.Explanation);
    }

    [Fact]
    public void Whole_year_uses_the_actual_figure()
    {
        var inputs = HalfYear().Set("eldercare.new_beds", 190).In(AssessmentPeriod.ForYear(2024));
        var item = RubricEvaluator.Evaluate(Putuo, inputs.Build()).Item("T01");
        Assert.Equal(190m, item.Target!.ProjectedYearEnd);
        Assert.Equal(9.5m, item.Score);
    }

    [Theory]
    [InlineData(600, 10)] // exactly 60%
    [InlineData(599, 9.98)]
    public void Nursing_bed_share_is_a_level_target_of_60_percent(int nursing, decimal expected)
    {
        var item = RubricEvaluator.Evaluate(Putuo, HalfYear().Set("eldercare.nursing_beds", nursing).Build()).Item("T05");
        Assert.Equal(expected, item.Score);
    }

    [Fact]
    public void A_2023_period_cannot_be_scored_with_the_2024_scheme()
    {
        var e = Assert.Throws<RubricInputException>(() =>
            RubricEvaluator.Evaluate(Putuo, HalfYear().In(AssessmentPeriod.ForQuarter(2023, 4)).Build()));
        Assert.Contains("2023Q4", e.Message);
    }
}
