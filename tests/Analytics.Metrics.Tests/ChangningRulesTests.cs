namespace Analytics.Metrics.Tests;

/// <summary>The 长宁 2023 formulas, item by item, at and around their edges.</summary>
public class ChangningRulesTests
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");

    private static ItemResult Score(string code, Func<TestInputs, TestInputs> change) =>
        RubricEvaluator.Evaluate(Changning, change(TestInputs.ChangningFull()).Build()).Item(code);

    [Theory]
    [InlineData(0, 20, 0.5)] // 0%
    [InlineData(2, 20, 0.5)] // exactly 10%: on the band edge, inside
    [InlineData(21, 200, 0.4)] // 10.5%: a partial step counts as one
    [InlineData(3, 20, 0.4)] // 15%
    [InlineData(4, 20, 0.4)] // exactly 20%: exactly one step
    [InlineData(2001, 10000, 0.3)] // 20.01%: into the second step
    [InlineData(1, 3, 0.2)] // 33.33...%: non-terminating rate, 3 steps
    [InlineData(10, 10, 0)] // 100%: 9 steps would be −0.9, floor at zero
    public void Civil_overdue_rate_scores_full_within_10_percent_and_loses_0_1_per_started_10_percent(int overdue, int total, decimal expected)
    {
        var item = Score("C6.3a", t => t.Set("hedui.civil_overdue", overdue).Set("hedui.civil_total", total));
        Assert.Equal(expected, item.Score);
        Assert.Equal(ItemStatus.Scored, item.Status);
    }

    [Fact]
    public void Overdue_explanation_states_rate_band_steps_deduction_and_score()
    {
        var item = Score("C6.3a", t => t.Set("hedui.civil_overdue", 3).Set("hedui.civil_total", 20));
        Assert.Equal("民政救助类超期率 15.0%（3/20），超出 10% 基准 1 档（每档 10%），扣 0.1 分，得 0.4 分", item.Explanation);
        Assert.Equal(3m, item.Inputs["hedui.civil_overdue"]);
        Assert.Equal(20m, item.Inputs["hedui.civil_total"]);
        Assert.Equal(0.5m, item.Maximum);
    }

    [Fact]
    public void Housing_overdue_rate_uses_its_own_inputs()
    {
        var item = Score("C6.3b", t => t.Set("hedui.housing_overdue", 9).Set("hedui.housing_total", 30));
        Assert.Equal(0.3m, item.Score); // 30%: 2 steps
    }

    [Theory]
    [InlineData(3, 60, 0.5)] // exactly 5%
    [InlineData(4, 60, 0.3)] // 6.67%: 1.67 steps → 2 steps
    [InlineData(6, 100, 0.4)] // 6%: exactly 1 step
    [InlineData(60, 60, 0)] // floor
    public void Civil_return_rate_scores_full_up_to_5_percent_and_loses_0_1_per_started_1_percent(int returned, int submitted, decimal expected)
    {
        Assert.Equal(expected, Score("C6.4a", t => t.Set("hedui.civil_returned", returned).Set("hedui.civil_submitted", submitted)).Score);
    }

    [Theory]
    [InlineData(10, 100, 0.5)]
    [InlineData(11, 100, 0.4)]
    [InlineData(12, 100, 0.4)]
    [InlineData(25, 200, 0.3)] // 12.5%
    public void Housing_return_rate_scores_full_up_to_10_percent_and_loses_0_1_per_started_2_percent(int returned, int submitted, decimal expected)
    {
        Assert.Equal(expected, Score("C6.4b", t => t.Set("hedui.housing_returned", returned).Set("hedui.housing_submitted", submitted)).Score);
    }

    [Fact]
    public void Zero_requests_make_the_rate_not_applicable_and_score_full_with_an_explanation()
    {
        var item = Score("C6.4a", t => t.Set("hedui.civil_returned", 0).Set("hedui.civil_submitted", 0));
        Assert.Equal(0.5m, item.Score);
        Assert.Equal(ItemStatus.NotApplicable, item.Status);
        Assert.Contains("不适用", item.Explanation);
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(3, 5, 1)]
    [InlineData(1, 0, 0.5)]
    [InlineData(0, 2, 0.5)]
    [InlineData(1, 5, 0.5)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 0)]
    public void Verifier_tiers_give_1_for_two_certified_and_half_for_one_certified_or_two_trained(int certified, int trained, decimal expected)
    {
        var item = Score("C6.1", t => t.Set("hedui.certified_verifiers", certified).Set("hedui.trained_verifiers", trained));
        Assert.Equal(expected, item.Score);
    }

    [Fact]
    public void Tier_explanation_names_the_condition_met()
    {
        var item = Score("C6.1", t => t.Set("hedui.certified_verifiers", 0).Set("hedui.trained_verifiers", 2));
        Assert.Equal("持证在岗核对员人数 0名，受培训核对员人数 2名；符合“持证在岗核对员人数 ≥ 1 或 受培训核对员人数 ≥ 2”，得 0.5 分", item.Explanation);
    }

    [Theory]
    [InlineData(17, 20, 1)] // 85%
    [InlineData(16, 20, 0)] // exactly 80%: "> 80%" is strict
    [InlineData(161, 200, 1)] // 80.5%
    public void Training_rate_must_be_strictly_above_80_percent(int attended, int required, decimal expected)
    {
        Assert.Equal(expected, Score("C6.5", t => t.Set("hedui.training_attended", attended).Set("hedui.training_required", required)).Score);
    }

    [Theory]
    [InlineData(3, 25000, 2)] // needs 2.5
    [InlineData(2, 25000, 0)]
    [InlineData(2, 20000, 2)] // exactly 1/10000
    [InlineData(1, 10001, 0)]
    public void Staffing_needs_one_worker_per_ten_thousand_registered_residents(int workers, int population, decimal expected)
    {
        Assert.Equal(expected, Score("B2", t => t.Set("staff.assistance_workers", workers).Set("population.registered", population)).Score);
    }

    [Fact]
    public void Staffing_with_zero_population_is_a_defined_zero_not_an_exception()
    {
        var item = Score("B2", t => t.Set("population.registered", 0));
        Assert.Equal(0m, item.Score);
        Assert.Equal(ItemStatus.NotApplicable, item.Status);
    }

    [Theory]
    [InlineData("B3.1", "findings.review_process", 0, 2)]
    [InlineData("B3.1", "findings.review_process", 3, 0.5)]
    [InlineData("B3.1", "findings.review_process", 4, 0)]
    [InlineData("B3.1", "findings.review_process", 9, 0)] // floor at zero
    [InlineData("B3.2", "assistance.periodic_reviews_late", 1, 1.5)]
    [InlineData("C2.1", "findings.tekun_review", 7, 0.6)]
    [InlineData("C2.1", "findings.tekun_review", 11, 0)]
    [InlineData("C4.2", "findings.temp_assistance", 2, 1)]
    [InlineData("C6.2", "hedui.incomplete_applications", 4, 1.2)]
    [InlineData("D2.1", "findings.medical_assistance", 3, 0.7)]
    [InlineData("D2.2", "dibao.uninsured_cases", 7, 0.3)]
    [InlineData("D2.2", "dibao.uninsured_cases", 10, 0)]
    [InlineData("D2.3", "findings.four_medical_list", 2, 0.6)]
    [InlineData("D5.1", "findings.employment_assistance", 6, 0)]
    [InlineData("E1.1", "findings.improper_inclusion", 2, 1)]
    [InlineData("E1.2", "assistance.follow_ups_late", 3, 0)]
    [InlineData("E2.1", "findings.publicity", 3, 0.5)]
    public void Per_case_items_deduct_from_full_score_and_stop_at_zero(string code, string input, int cases, decimal expected)
    {
        Assert.Equal(expected, Score(code, t => t.Set(input, cases)).Score);
    }

    [Fact]
    public void Per_case_explanation_says_when_the_floor_was_reached()
    {
        var item = Score("B3.1", t => t.Set("findings.review_process", 5));
        Assert.Equal("区民政局发现审核确认违反流程例数 5 例，每例扣 0.5 分，共扣 2.5 分，扣完为止，得 0 分", item.Explanation);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0.3)]
    [InlineData(5, 0.5)]
    [InlineData(7, 0.5)] // capped
    public void Excellent_cases_earn_0_1_each_capped_at_0_5(int cases, decimal expected)
    {
        Assert.Equal(expected, Score("D6.3e", t => t.Set("help.excellent_cases", cases)).Score);
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(2, 0.5)] // exactly 2 hours is "within 2 hours"
    [InlineData(2.5, 0)]
    public void Disaster_report_within_two_hours_scores_half_a_point(decimal hours, decimal expected)
    {
        Assert.Equal(expected, Score("D1.1", t => t.Set("disaster.max_report_delay_hours", hours)).Score);
    }

    [Fact]
    public void No_disaster_reported_scores_the_report_item_in_full()
    {
        var item = Score("D1.1", t => t.Remove("disaster.max_report_delay_hours"));
        Assert.Equal(0.5m, item.Score);
        Assert.Equal(ItemStatus.Scored, item.Status);
    }

    [Fact]
    public void Missing_count_input_is_marked_missing_and_scores_zero()
    {
        var item = Score("B3.1", t => t.Remove("findings.review_process"));
        Assert.Equal(ItemStatus.MissingInput, item.Status);
        Assert.Equal(0m, item.Score);
        Assert.Contains("findings.review_process", item.Explanation);
    }
}
