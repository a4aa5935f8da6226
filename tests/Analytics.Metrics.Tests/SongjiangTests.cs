namespace Analytics.Metrics.Tests;

/// <summary>松江 2024: weighted domains, quarterly versus annual items, growth against the previous year.</summary>
public class SongjiangTests
{
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");

    internal static TestInputs Baseline() => TestInputs.AllJudgementsFull(Songjiang)
        .Set("hedui.returned", 2).Set("hedui.submitted", 100).Before("hedui.returned", 3).Before("hedui.submitted", 100)
        .Set("eldercare.certified_staff", 100).Set("eldercare.staff", 100)
        .Set("eldercare.skill_certified_care_workers", 85).Set("eldercare.care_workers", 100)
        .Set("assistive.device_rentals", 12).Before("assistive.device_rentals", 10).Set("mental.rehab_pilot", 1)
        .Set("boundary.inspections", 4).Set("boundary.issues_resolved", 0).Set("honours.district_or_above", 2)
        .Set("socorg.evaluation_participants", 60).Set("socorg.evaluation_eligible", 100)
        .Set("socorg.rated_3a_plus", 30).Set("socorg.registered", 100).Before("socorg.rated_3a_plus", 25).Before("socorg.registered", 100);

    [Fact]
    public void Full_marks_year_scores_exactly_100()
    {
        var result = RubricEvaluator.Evaluate(Songjiang, Baseline().Build());
        Assert.Equal(100m, result.Total);
        Assert.Equal(new[] { 18m, 18m, 20m, 18m, 6m, 20m }, result.Sections.Select(s => s.Score));
    }

    [Fact]
    public void Hand_computed_year_totals_97_07()
    {
        // S1: return rate has no baseline → S1.3b 0 of 5: 18 × 55/60 = 16.5.
        // S3: 持证率 95% < 100% → S3.6a 0 of 5: 20 × 65/70 = 18.5714… → 18.57. Others full: 18 + 18 + 6 + 20.
        var inputs = Baseline()
            .Before("hedui.returned", null).Before("hedui.submitted", null)
            .Set("eldercare.certified_staff", 95);
        var result = RubricEvaluator.Evaluate(Songjiang, inputs.Build());
        Assert.Equal(16.5m, result.Sections.Single(s => s.Code == "S1").Score);
        Assert.Equal(18.57m, result.Sections.Single(s => s.Code == "S3").Score);
        Assert.Equal(97.07m, result.Total);
        Assert.Equal(ItemStatus.NoBaseline, result.Item("S1.3b").Status);
        Assert.Contains("无上年基数", result.Item("S1.3b").Explanation);
    }

    [Fact]
    public void Quarter_evaluation_leaves_out_the_annual_satisfaction_domain()
    {
        var result = RubricEvaluator.Evaluate(Songjiang, Baseline().In(AssessmentPeriod.ForQuarter(2024, 2)).Build());
        Assert.Equal("2024Q2", result.Period);
        Assert.Equal(80m, result.Maximum);
        Assert.Equal(80m, result.Total);
        Assert.All(result.Items.Where(i => i.SectionCode == "S6"), i => Assert.Equal(ItemStatus.NotAssessed, i.Status));
        Assert.Equal(Grade.Excellent, result.Grade);
    }

    [Fact]
    public void Quarter_grade_compares_against_the_assessed_maximum()
    {
        // Lose S1.1 and S1.2 (20 of 60 in S1): S1 = 18 × 40/60 = 12; quarter total 74 of 80 = 92.5% → 优秀.
        var quarter = Baseline().Judge("S1.1", 0m).Judge("S1.2", 0m).In(AssessmentPeriod.ForQuarter(2024, 1));
        var result = RubricEvaluator.Evaluate(Songjiang, quarter.Build());
        Assert.Equal(74m, result.Total);
        Assert.Equal(Grade.Excellent, result.Grade);
    }

    [Theory]
    [InlineData(2, 3, 5)] // return rate fell: full
    [InlineData(3, 3, 0)] // unchanged: not a decrease
    [InlineData(4, 3, 0)] // rose
    public void Return_rate_must_fall_against_the_same_period_last_year(int now, int before, decimal expected)
    {
        var inputs = Baseline().Set("hedui.returned", now).Before("hedui.returned", before);
        Assert.Equal(expected, RubricEvaluator.Evaluate(Songjiang, inputs.Build()).Item("S1.3b").Score);
    }

    [Fact]
    public void Growth_compares_rates_exactly_when_denominators_differ()
    {
        // 1/3 = 33.33…% now against 33/100 = 33% before: a rise, seen only with exact arithmetic.
        var inputs = Baseline().Set("socorg.rated_3a_plus", 1).Set("socorg.registered", 3)
            .Before("socorg.rated_3a_plus", 33).Before("socorg.registered", 100);
        var item = RubricEvaluator.Evaluate(Songjiang, inputs.Build()).Item("S4.5b");
        Assert.Equal(5m, item.Score);
        Assert.Equal(33m, item.Previous["socorg.rated_3a_plus"]);
    }

    [Theory]
    [InlineData(50, 5)] // exactly 50%
    [InlineData(49, 0)]
    public void Evaluation_participation_rate_of_at_least_50_percent_scores(int participants, decimal expected)
    {
        var inputs = Baseline().Set("socorg.evaluation_participants", participants);
        Assert.Equal(expected, RubricEvaluator.Evaluate(Songjiang, inputs.Build()).Item("S4.5a").Score);
    }

    [Fact]
    public void Weighted_section_explanation_shows_the_conversion()
    {
        var inputs = Baseline().Set("eldercare.certified_staff", 95);
        var section = RubricEvaluator.Evaluate(Songjiang, inputs.Build()).Sections.Single(s => s.Code == "S3");
        Assert.Equal("各项得分 65/70，按权重 20 折算得 18.57 分（四舍五入保留两位小数）", section.Explanation);
    }
}
