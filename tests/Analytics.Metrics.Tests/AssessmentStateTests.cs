namespace Analytics.Metrics.Tests;

/// <summary>A grade exists only where the period's assessment is complete; pending judgements give a provisional range.</summary>
public class AssessmentStateTests
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");

    private static TestInputs SongjiangFull() => TestInputs.AllJudgementsFull(Songjiang)
        .Set("hedui.returned", 2).Set("hedui.submitted", 100).Before("hedui.returned", 3).Before("hedui.submitted", 100)
        .Set("eldercare.certified_staff", 100).Set("eldercare.staff", 100)
        .Set("eldercare.skill_certified_care_workers", 85).Set("eldercare.care_workers", 100)
        .Set("assistive.device_rentals", 12).Before("assistive.device_rentals", 10).Set("boundary.inspections", 4)
        .Set("socorg.evaluation_participants", 60).Set("socorg.evaluation_eligible", 100)
        .Set("socorg.rated_3a_plus", 30).Set("socorg.registered", 100).Before("socorg.rated_3a_plus", 25).Before("socorg.registered", 100);

    [Fact]
    public void A_complete_assessment_is_final_with_its_one_grade()
    {
        var result = RubricEvaluator.Evaluate(Songjiang, SongjiangFull().Build());
        Assert.Equal(AssessmentState.Final, result.State);
        Assert.Equal(Grade.Excellent, result.Grade);
        Assert.Equal(new[] { Grade.Excellent }, result.PossibleGrades);
        Assert.Equal(100m, result.LowestTotal);
        Assert.Equal(100m, result.HighestTotal);
        Assert.Equal("总分 100（满分 100）· 优秀", result.Headline);
    }

    [Fact]
    public void Pending_judgements_give_a_provisional_total_with_its_range_and_no_grade()
    {
        // 长宁 with no inputs: only D1.1 (no disaster reported) earns 0.5. The 54 judgement items can still add A 25 + B 18 + C 14 + D 10
        // + E 2 = 69 standard points (C5 and B6.2 are rules on the system's data) and the bonus section's cap of 5 (15 possible):
        // highest 0.5 + 69 + 5 = 74.5.
        var result = RubricEvaluator.Evaluate(Changning, RubricInputs.Empty);
        Assert.Equal(AssessmentState.Provisional, result.State);
        Assert.Null(result.Grade);
        Assert.Equal(54, result.PendingCount);
        Assert.Equal(0.5m, result.Total);
        Assert.Equal(0.5m, result.LowestTotal);
        Assert.Equal(74.5m, result.HighestTotal);
        Assert.Equal(new[] { Grade.Pass, Grade.Fail }, result.PossibleGrades);
        Assert.Equal("等级待定", result.GradeLabel);
        Assert.Equal("暂计 0.5（待评 54 项，可达 0.5–74.5）· 等级待定（可能为合格/不合格）", result.Headline);
    }

    [Fact]
    public void The_range_of_a_weighted_section_converts_both_ends_to_the_weight()
    {
        // S3.1 pending: S3 = 20 × 60/70 = 17.142857… → 17.14 now, 20 × 70/70 = 20 at best; every other domain full.
        var result = RubricEvaluator.Evaluate(Songjiang, SongjiangFull().Unjudge("S3.1").Build());
        Assert.Equal(AssessmentState.Provisional, result.State);
        Assert.Equal(97.14m, result.Total);
        Assert.Equal(97.14m, result.LowestTotal);
        Assert.Equal(100m, result.HighestTotal);
        Assert.Equal(new[] { Grade.Excellent }, result.PossibleGrades);
        Assert.Null(result.Grade);
    }

    [Fact]
    public void A_pending_domain_leaves_two_grades_possible()
    {
        // The six S6 items (weight 20) pending: 80 now (80% → 良好), 100 at best (优秀).
        var inputs = SongjiangFull();
        foreach (var code in new[] { "S6.1", "S6.2", "S6.3", "S6.4", "S6.5", "S6.6" })
        {
            inputs.Unjudge(code);
        }

        var result = RubricEvaluator.Evaluate(Songjiang, inputs.Build());
        Assert.Equal(80m, result.Total);
        Assert.Equal(100m, result.HighestTotal);
        Assert.Equal(new[] { Grade.Excellent, Grade.Good }, result.PossibleGrades);
        Assert.Equal("暂计 80（待评 6 项，可达 80–100）· 等级待定（可能为优秀/良好）", result.Headline);
    }

    [Fact]
    public void Pending_items_of_a_quarter_count_only_the_quarters_points()
    {
        // 2024Q1 without S6 (annual): S1.1 pending → S1 = 18 × 50/60 = 15 now, 18 at best; quarter maximum 80.
        var result = RubricEvaluator.Evaluate(Songjiang, SongjiangFull().Unjudge("S1.1").In(AssessmentPeriod.ForQuarter(2024, 1)).Build());
        Assert.Equal(80m, result.Maximum);
        Assert.Equal(77m, result.Total);
        Assert.Equal(80m, result.HighestTotal);
        Assert.Equal(1, result.PendingCount);
        Assert.Equal(AssessmentState.Provisional, result.State);
    }

    [Fact]
    public void An_annual_scheme_in_a_quarter_is_not_assessed_and_has_no_grade_and_no_zero_total()
    {
        var result = RubricEvaluator.Evaluate(Changning, TestInputs.ChangningFull().In(AssessmentPeriod.ForQuarter(2023, 2)).Build());
        Assert.Equal(AssessmentState.NotAssessed, result.State);
        Assert.False(result.IsAssessed);
        Assert.Null(result.Grade);
        Assert.Empty(result.PossibleGrades);
        Assert.Equal(0m, result.Maximum);
        Assert.False(result.Vetoed);
        Assert.Equal("年度考核，12 月评定", result.Headline);
        Assert.All(result.Items, i => Assert.Equal(ItemStatus.NotAssessed, i.Status));
    }

    [Fact]
    public void An_annual_data_item_in_a_quarter_shows_what_its_year_to_date_inputs_would_earn()
    {
        // C6.4a: ≤ 5% full 0.5, 0.1 off per 1% above. Year to date 4 of 50 returned = 8% → 0.5 − 0.3 = 0.2; the
        // quarter alone (0 of 60) would have earned the full 0.5, so the preview reads the year-to-date figures.
        var quarter = TestInputs.ChangningFull().In(AssessmentPeriod.ForQuarter(2023, 3)).Build();
        var yearToDate = new Dictionary<string, decimal?>(quarter.Values) { ["hedui.civil_returned"] = 4m, ["hedui.civil_submitted"] = 50m };
        var result = RubricEvaluator.Evaluate(Changning, quarter with { YearToDate = yearToDate });
        var item = result.Item("C6.4a");
        Assert.Equal(0m, item.Score);
        Assert.Equal(0.2m, item.Projected);
        Assert.Equal(4m, item.Inputs["hedui.civil_returned"]);
        Assert.StartsWith("年度考核项目，12 月评定", item.Explanation);
        Assert.Contains("预估可得 0.2 分", item.Explanation);
        Assert.Null(result.Item("A1.1").Projected);
    }
}
