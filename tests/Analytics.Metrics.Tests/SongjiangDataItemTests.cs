namespace Analytics.Metrics.Tests;

/// <summary>
/// 松江 2024 items scored from data (S1.3b, S2.3a, S3.6, S4.5, S5.2a) and the whole rubric of one town and quarter,
/// computed by hand from fixed inputs.
/// </summary>
public class SongjiangDataItemTests
{
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");

    /// <summary>One town in 2024Q3: some data items met, some not, some judgements below maximum.</summary>
    private static TestInputs Town2024Q3() => TestInputs.AllJudgementsFull(Songjiang)
        .Judge("S1.1", 8m).Judge("S1.2", 7m).Judge("S2.3b", 4m).Judge("S5.2b", 3m)
        .Set("hedui.returned", 0).Set("hedui.submitted", 40).Before("hedui.returned", 0).Before("hedui.submitted", 35)
        .Set("assistive.device_rentals", 9).Before("assistive.device_rentals", 11).Set("mental.rehab_pilot", 1)
        .Set("eldercare.certified_staff", 118).Set("eldercare.staff", 120)
        .Set("eldercare.skill_certified_care_workers", 80).Set("eldercare.care_workers", 100)
        .Set("socorg.evaluation_participants", 12).Set("socorg.evaluation_eligible", 25)
        .Set("socorg.rated_3a_plus", 30).Set("socorg.registered", 100).Before("socorg.rated_3a_plus", 28).Before("socorg.registered", 100)
        .Set("boundary.inspections", 0).Set("boundary.issues_resolved", 2).Set("honours.district_or_above", 1)
        .In(AssessmentPeriod.ForQuarter(2024, 3));

    [Fact]
    public void A_missed_threshold_is_explained_in_plain_words()
    {
        // 118/120 = 98.33…% of staff certified misses "持证率 100%"; 80/100 care workers with a skill level meets "持等级证率 80%".
        var result = RubricEvaluator.Evaluate(Songjiang, Town2024Q3().Build());
        Assert.Equal("养老服务机构人员持证率 98.3%（118/120），低于 100%，不得分", result.Item("S3.6a").Explanation);
        Assert.Equal("养老护理员持等级证率 80.0%（80/100），不低于 80%，得 5 分", result.Item("S3.6b").Explanation);
    }

    [Fact]
    public void Whole_rubric_for_one_town_in_2024Q3_matches_the_hand_computation()
    {
        var result = RubricEvaluator.Evaluate(Songjiang, Town2024Q3().Build());

        // S1 (weight 18, items 60): 8 + 7 + 5 + S1.3b 5 (0% both years) + 10 + 10 + 10 = 55 → 18 × 55/60 = 16.5.
        // S2 (18, 50): 10 + 10 + S2.3a 0 (9 < 11) + S2.3b 4 + 10 + 10 = 44 → 18 × 44/50 = 15.84.
        // S3 (20, 70): 5 × 10 + S3.6a 0 (118/120) + S3.6b 5 (80/100 = 80%) + 10 = 65 → 20 × 65/70 = 18.5714… → 18.57.
        // S4 (18, 60): 4 × 10 + S4.5a 0 (12/25 = 48%) + S4.5b 5 (30% > 28%) + 10 = 55 → 18 × 55/60 = 16.5.
        // S5 (6, 20): 10 + S5.2a 0 (no self-inspection) + S5.2b 3 = 13 → 6 × 13/20 = 3.9.
        // S6 is annual: not assessed in a quarter. Total 71.31 of 80.
        Assert.Equal(new[] { 16.5m, 15.84m, 18.57m, 16.5m, 3.9m, 0m }, result.Sections.Select(s => s.Score));
        Assert.Equal(71.31m, result.Total);
        Assert.Equal(80m, result.Maximum);
        Assert.Equal(
            new[] { 8m, 7m, 5m, 5m, 10m, 10m, 10m, 10m, 10m, 0m, 4m, 10m, 10m, 10m, 10m, 10m, 10m, 10m, 0m, 5m, 10m, 10m, 10m, 10m, 10m, 0m, 5m, 10m, 10m, 0m, 3m },
            result.Items.Where(i => i.SectionCode != "S6").Select(i => i.Score));
    }

    [Fact]
    public void A_return_rate_at_zero_in_both_years_scores_full_and_says_why()
    {
        var item = RubricEvaluator.Evaluate(Songjiang, Town2024Q3().Build()).Item("S1.3b");
        Assert.Equal(5m, item.Score);
        Assert.Equal("核对市级退回率 0.0%（0/40），上年同期 0.0%（0/35），已为 0、无可再降，视同达标，得 5 分", item.Explanation);
    }

    [Theory]
    [InlineData(0, 3, 5)]  // fell to zero: a fall
    [InlineData(1, 0, 0)]  // rose from zero
    [InlineData(2, 2, 0)]  // unchanged above zero: not a fall
    public void Return_rate_away_from_zero_must_still_fall(int now, int before, decimal expected)
    {
        var inputs = Town2024Q3().Set("hedui.returned", now).Before("hedui.returned", before).Before("hedui.submitted", 40);
        Assert.Equal(expected, RubricEvaluator.Evaluate(Songjiang, inputs.Build()).Item("S1.3b").Score);
    }

    [Theory]
    [InlineData(80, 100, 5)]   // exactly 80% of care workers
    [InlineData(79, 100, 0)]
    [InlineData(89, 101, 5)]   // 88.1%, seed 003's district figure
    public void Skill_certificate_rate_is_over_care_workers_only(int certified, int careWorkers, decimal expected)
    {
        // 400 staff in all: over every role 80 would be 20%, yet the notice's 等级证 are care workers' certificates.
        var inputs = Town2024Q3().Set("eldercare.skill_certified_care_workers", certified).Set("eldercare.care_workers", careWorkers)
            .Set("eldercare.staff", 400).Set("eldercare.certified_staff", 400);
        var result = RubricEvaluator.Evaluate(Songjiang, inputs.Build());
        Assert.Equal(expected, result.Item("S3.6b").Score);
        Assert.Equal(5m, result.Item("S3.6a").Score);
    }

    [Theory]
    [InlineData(12, 11, 5)]
    [InlineData(11, 11, 0)]
    [InlineData(0, 0, 0)] // no rentals in either year: nothing was raised
    public void Assistive_device_rentals_must_grow_against_the_same_quarter_last_year(int now, int before, decimal expected)
    {
        var inputs = Town2024Q3().Set("assistive.device_rentals", now).Before("assistive.device_rentals", before);
        Assert.Equal(expected, RubricEvaluator.Evaluate(Songjiang, inputs.Build()).Item("S2.3a").Score);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(3, 5)]
    [InlineData(0, 0)]
    public void Boundary_self_inspection_at_least_once_a_quarter_scores(int inspections, decimal expected)
    {
        var inputs = Town2024Q3().Set("boundary.inspections", inspections);
        Assert.Equal(expected, RubricEvaluator.Evaluate(Songjiang, inputs.Build()).Item("S5.2a").Score);
    }

    [Theory]
    [InlineData(4, 5, "界线界桩自查次数 4次，不低于 4次（每季度 1次 × 4 个季度），得 5 分")]
    [InlineData(3, 0, "界线界桩自查次数 3次，低于 4次（每季度 1次 × 4 个季度），不得分")]
    [InlineData(1, 0, "界线界桩自查次数 1次，低于 4次（每季度 1次 × 4 个季度），不得分")]
    public void Boundary_self_inspection_in_a_whole_year_needs_one_per_quarter_not_one_a_year(int inspections, decimal expected, string explanation)
    {
        // S5.2a "定期开展街镇自查", read as at least once a quarter: the year's score asks for the four quarters' worth.
        var item = RubricEvaluator.Evaluate(Songjiang, Town2024Q3().In(AssessmentPeriod.ForYear(2024)).Set("boundary.inspections", inspections).Build())
            .Item("S5.2a");
        Assert.Equal((expected, explanation), (item.Score, item.Explanation));
    }

    [Fact]
    public void Judgement_items_show_their_ledger_evidence_beside_the_score()
    {
        var year = Town2024Q3().In(AssessmentPeriod.ForYear(2024)).Set("honours.district_or_above", 3);
        var result = RubricEvaluator.Evaluate(Songjiang, year.Build());
        Assert.Equal(3m, result.Item("S6.2").Inputs["honours.district_or_above"]);
        Assert.Equal(10m, result.Item("S6.2").Score);
        Assert.Equal(2m, result.Item("S5.2b").Inputs["boundary.issues_resolved"]);
        Assert.Equal(3m, result.Item("S5.2b").Score);
    }
}
