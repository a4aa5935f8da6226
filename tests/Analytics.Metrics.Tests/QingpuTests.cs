namespace Analytics.Metrics.Tests;

/// <summary>青浦 2024: 27 equal items, ratio targets, growth, highlights bonus and problem deductions.</summary>
public class QingpuTests
{
    private static readonly Rubric Qingpu = RubricCatalog.Get("qingpu-2024");

    private static TestInputs Baseline() => TestInputs.AllJudgementsFull(Qingpu)
        .Set("population.registered_elderly", 10000).Set("eldercare.beds", 400)
        .Set("population.resident", 100000).Set("eldercare.community_facility_area_m2", 4500)
        .Set("projects.completed", 6).Set("projects.planned", 6)
        .Set("assistance.expenditure_poverty_cases", 40).Before("assistance.expenditure_poverty_cases", 30)
        .Set("assistance.temporary_cases", 120).Before("assistance.temporary_cases", 100)
        .Set("assistance.advisor_offices", 1).Set("assistance.outreach_sweeps", 1)
        .Set("assistance.service_record_months", 12).Set("assistance.excellent_cases", 2)
        .Set("survey.staff_aware", 50).Set("survey.staff_sampled", 50)
        .Set("survey.recipients_satisfied", 40).Set("survey.recipients_sampled", 40)
        .Set("children.supervisors", 20).Set("children.supervisors_trained", 20)
        .Set("children.supervisors_social_work_certified", 8).Before("children.supervisors_social_work_certified", 6)
        .Before("children.supervisors", 20)
        .Set("socorg.party_covered", 50).Set("socorg.registered", 100).Before("socorg.party_covered", 45).Before("socorg.registered", 100)
        .Set("socorg.groups_inspected", 10).Set("socorg.groups_inspection_due", 10)
        .Set("socorg.agencies_inspected", 30).Set("socorg.agencies_inspection_due", 30)
        .Set("burial.scattered_graves_cleared", 80).Set("burial.scattered_graves_target", 100)
        .Set("charity.award_nominations", 1)
        .Set("problems.petitions_beijing", 0).Set("problems.integrity_violations", 0).Set("problems.safety_accidents", 0)
        .Set("problems.media_exposure", 0).Set("problems.oversight_findings", 0)
        .Judge("H1", 0m);

    [Fact]
    public void The_scheme_has_the_27_items_of_the_notice()
    {
        var topLevel = Qingpu.Sections.Single(s => s.Code == "Q").Items.Select(i => i.Code[..3]).Distinct().ToList();
        Assert.Equal(27, topLevel.Count);
        Assert.Equal(Enumerable.Range(1, 27).Select(n => $"Q{n:00}"), topLevel);
        Assert.All(Qingpu.Sections.Single(s => s.Code == "Q").Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Owner)));
    }

    [Fact]
    public void Full_marks_score_exactly_100()
    {
        Assert.Equal(100m, RubricEvaluator.Evaluate(Qingpu, Baseline().Build()).Total);
    }

    [Fact]
    public void Hand_computed_input_set_totals_98_59()
    {
        // Q02a: 300 beds for 10000 elderly needs 350 → 5 × 300/350 = 4.2857 → 4.29 (−0.71).
        // Q05e: no baseline → 0 of 1.25. Q10a: 45 of 50 aware → 4.5 (−0.5).
        // Earned 270 − 2.46 = 267.54 → 100 × 267.54 / 270 = 99.0888… → 99.09. Bonus +2; 1 petition −1, 3 findings −1.5.
        var inputs = Baseline()
            .Set("eldercare.beds", 300)
            .Before("assistance.temporary_cases", null)
            .Set("survey.staff_aware", 45)
            .Judge("H1", 2m)
            .Set("problems.petitions_beijing", 1).Set("problems.oversight_findings", 3);
        var result = RubricEvaluator.Evaluate(Qingpu, inputs.Build());
        Assert.Equal(4.29m, result.Item("Q02a").Score);
        Assert.Equal(ItemStatus.NoBaseline, result.Item("Q05e").Status);
        Assert.Equal(99.09m, result.BaseScore);
        Assert.Equal(2m, result.Bonus);
        Assert.Equal(-2.5m, result.Deduction);
        Assert.Equal(98.59m, result.Total);
    }

    [Theory]
    [InlineData(350, 5)] // exactly 3.5%
    [InlineData(349, 4.99)]
    [InlineData(0, 0)]
    public void Beds_must_reach_3_5_percent_of_registered_elderly_with_proportional_credit(int beds, decimal expected)
    {
        Assert.Equal(expected, RubricEvaluator.Evaluate(Qingpu, Baseline().Set("eldercare.beds", beds).Build()).Item("Q02a").Score);
    }

    [Fact]
    public void Facility_area_target_is_44_square_metres_per_thousand_residents()
    {
        var item = RubricEvaluator.Evaluate(Qingpu, Baseline().Set("eldercare.community_facility_area_m2", 4400).Build()).Item("Q02b");
        Assert.Equal(5m, item.Score);
        Assert.Contains("应达 4400平方米", item.Explanation);
    }

    [Theory]
    [InlineData(80, 7)] // exactly 80%
    [InlineData(79, 0)]
    public void Scattered_graves_clearance_needs_80_percent(int cleared, decimal expected)
    {
        var inputs = Baseline().Set("burial.scattered_graves_cleared", cleared);
        Assert.Equal(expected, RubricEvaluator.Evaluate(Qingpu, inputs.Build()).Item("Q24a").Score);
    }

    [Theory]
    [InlineData(101, 100, 1.25)]
    [InlineData(100, 100, 0)]
    [InlineData(90, 100, 0)]
    public void Temporary_assistance_cases_must_grow_strictly_against_last_year(int now, int before, decimal expected)
    {
        var inputs = Baseline().Set("assistance.temporary_cases", now).Before("assistance.temporary_cases", before);
        Assert.Equal(expected, RubricEvaluator.Evaluate(Qingpu, inputs.Build()).Item("Q05e").Score);
    }

    [Fact]
    public void Growth_without_a_previous_year_is_no_baseline_not_a_crash()
    {
        var inputs = Baseline().Before("assistance.expenditure_poverty_cases", null);
        var item = RubricEvaluator.Evaluate(Qingpu, inputs.Build()).Item("Q05c");
        Assert.Equal(ItemStatus.NoBaseline, item.Status);
        Assert.Equal(0m, item.Score);
        Assert.Equal("支出型贫困生活救助人次 40人次；无上年基数（上年同期数据缺失），无法比较，按规定得 0 分", item.Explanation);
    }

    [Fact]
    public void Problem_deductions_are_capped_at_minus_5()
    {
        var inputs = Baseline().Set("problems.safety_accidents", 2).Set("problems.integrity_violations", 1);
        var result = RubricEvaluator.Evaluate(Qingpu, inputs.Build());
        Assert.Equal(-5m, result.Deduction);
        Assert.Equal(95m, result.Total);
    }

    [Fact]
    public void Training_rate_below_100_percent_scores_nothing()
    {
        var inputs = Baseline().Set("children.supervisors_trained", 19);
        Assert.Equal(0m, RubricEvaluator.Evaluate(Qingpu, inputs.Build()).Item("Q11e").Score);
    }
}
