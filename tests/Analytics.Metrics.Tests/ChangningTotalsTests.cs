namespace Analytics.Metrics.Tests;

/// <summary>Whole-rubric arithmetic for 长宁 2023: totals, bonus and deduction caps, veto, judgements.</summary>
public class ChangningTotalsTests
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");

    private static RubricResult Evaluate(TestInputs inputs) => RubricEvaluator.Evaluate(Changning, inputs.Build());

    [Fact]
    public void Full_marks_inputs_score_exactly_100_and_grade_excellent()
    {
        var result = Evaluate(TestInputs.ChangningFull());
        Assert.Equal(100m, result.Total);
        Assert.Equal(100m, result.Maximum);
        Assert.Equal(Grade.Excellent, result.Grade);
        Assert.Equal("优秀", result.GradeLabel);
        Assert.Equal(0, result.PendingCount);
        Assert.Equal(0, result.MissingCount);
    }

    [Fact]
    public void Hand_computed_input_set_totals_93_3()
    {
        // Deductions: C6.3a 15% overdue −0.1; C6.4a exactly 5% returned −0; C6.1 one certified −0.5; B3.1 one violation −0.5;
        // D2.2 three uninsured −0.3; E1.1 one improper inclusion −1; D6.3e two cases 0.2 of 0.5 −0.3; A1.1 judged 3.5 of 5 −1.5;
        // C6.5 exactly 80% −1; B2 2 workers for 25000 −2. Base 100 − 7.2 = 92.8; bonus F1 +1.5; one injury −1.
        var inputs = TestInputs.ChangningFull()
            .Set("hedui.civil_overdue", 15).Set("hedui.civil_total", 100)
            .Set("hedui.civil_returned", 3).Set("hedui.civil_submitted", 60)
            .Set("hedui.certified_verifiers", 1)
            .Set("findings.review_process", 1)
            .Set("dibao.uninsured_cases", 3)
            .Set("findings.improper_inclusion", 1)
            .Set("help.excellent_cases", 2)
            .Judge("A1.1", 3.5m)
            .Set("hedui.training_attended", 16).Set("hedui.training_required", 20)
            .Set("staff.assistance_workers", 2)
            .Judge("F1", 1.5m)
            .Set("findings.care_injuries", 1);

        var result = Evaluate(inputs);

        Assert.Equal(92.8m, result.BaseScore);
        Assert.Equal(1.5m, result.Bonus);
        Assert.Equal(-1m, result.Deduction);
        Assert.Equal(93.3m, result.Total);
        Assert.Equal(Grade.Excellent, result.Grade);
        Assert.Equal(23.4m, result.Sections.Single(s => s.Code == "C").Score); // C6.3a −0.1, C6.1 −0.5, C6.5 −1
    }

    [Fact]
    public void Section_scores_are_25_25_25_15_10_with_full_marks()
    {
        var result = Evaluate(TestInputs.ChangningFull());
        Assert.Equal(new[] { 25m, 25m, 25m, 15m, 10m, 0m, 0m }, result.Sections.Select(s => s.Score));
    }

    [Fact]
    public void Bonus_items_add_up_but_never_beyond_5()
    {
        var result = Evaluate(TestInputs.ChangningFull().Judge("F1", 3m).Judge("F2", 2m).Judge("F3", 1m));
        Assert.Equal(5m, result.Bonus);
        Assert.Equal(105m, result.Total);
        Assert.Contains("超过上限", result.Sections.Single(s => s.Code == "F").Explanation);
    }

    [Fact]
    public void Bonus_below_the_cap_is_added_as_is()
    {
        Assert.Equal(4.5m, Evaluate(TestInputs.ChangningFull().Judge("F1", 2.5m).Judge("F3", 2m)).Bonus);
    }

    [Fact]
    public void Deductions_add_up_but_never_beyond_minus_5()
    {
        // 2 misconduct × 2 + 1 injury × 1 + 1 death × 3 = 8 → capped at 5.
        var result = Evaluate(TestInputs.ChangningFull()
            .Set("findings.misconduct_cases", 2).Set("findings.care_injuries", 1).Set("findings.care_deaths", 1));
        Assert.Equal(-5m, result.Deduction);
        Assert.Equal(95m, result.Total);
        Assert.Equal(-4m, result.Item("G1").Score);
        Assert.Equal(-4m, result.Item("G2").Score);
    }

    [Fact]
    public void A_death_deducts_3_and_a_misconduct_case_2()
    {
        var result = Evaluate(TestInputs.ChangningFull().Set("findings.misconduct_cases", 1).Set("findings.care_deaths", 1));
        Assert.Equal(-5m, result.Deduction);
        var lighter = Evaluate(TestInputs.ChangningFull().Set("findings.care_deaths", 1));
        Assert.Equal(-3m, lighter.Deduction);
        Assert.Equal(97m, lighter.Total);
    }

    [Fact]
    public void Veto_sets_grade_to_fail_whatever_the_points()
    {
        var result = Evaluate(TestInputs.ChangningFull().Set("findings.criminal_case", 1));
        Assert.Equal(100m, result.Total);
        Assert.True(result.Vetoed);
        Assert.Equal(Grade.Fail, result.Grade);
        Assert.Equal("不合格", result.GradeLabel);
        Assert.Contains("刑事违法案件", result.VetoReason);
        Assert.Equal(ItemStatus.Scored, result.Item("V1").Status);
    }

    [Fact]
    public void Zero_veto_cases_keep_the_grade()
    {
        var result = Evaluate(TestInputs.ChangningFull());
        Assert.False(result.Vetoed);
        Assert.Null(result.VetoReason);
    }

    [Theory]
    [InlineData(10, 90, Grade.Excellent)] // exactly 90
    [InlineData(10.01, 89.99, Grade.Good)]
    [InlineData(20, 80, Grade.Good)] // exactly 80
    [InlineData(40, 60, Grade.Pass)] // exactly 60
    [InlineData(40.5, 59.5, Grade.Fail)]
    public void Grades_use_90_80_60_with_the_edge_inside_the_higher_grade(decimal lost, decimal total, Grade grade)
    {
        // Lose points through A1.1 (5) and the other judgement items, in order, until `lost` is spent.
        var inputs = TestInputs.ChangningFull();
        var remaining = lost;
        foreach (var item in Changning.Items.Where(i => i.Rule is Rules.JudgementRule { Allowed: null } && i.SectionCode != "F"))
        {
            var take = Math.Min(item.Maximum, remaining);
            inputs.Judge(item.Code, item.Maximum - take);
            remaining -= take;
        }

        Assert.Equal(0m, remaining);
        var result = Evaluate(inputs);
        Assert.Equal(total, result.Total);
        Assert.Equal(grade, result.Grade);
    }

    [Fact]
    public void Missing_judgement_shows_pending_and_scores_zero()
    {
        var result = Evaluate(TestInputs.ChangningFull().Unjudge("A1.1"));
        var item = result.Item("A1.1");
        Assert.Equal(ItemStatus.Pending, item.Status);
        Assert.Equal("待评", item.Status.Label());
        Assert.Equal(0m, item.Score);
        Assert.Equal(1, result.PendingCount);
        Assert.Equal(95m, result.Total);
    }

    [Fact]
    public void Recorded_judgement_carries_score_evaluator_and_reason()
    {
        var item = Evaluate(TestInputs.ChangningFull().Judge("A3.1", 2.5m, "李科长", "近亲属备案未按季度上报")).Item("A3.1");
        Assert.Equal(2.5m, item.Score);
        Assert.Equal("李科长", item.Judgement!.Evaluator);
        Assert.Equal("评估人 李科长 视情给分 2.5 分（满分 3 分），理由：近亲属备案未按季度上报", item.Explanation);
    }

    [Fact]
    public void Judgement_above_the_item_maximum_is_rejected_naming_the_item()
    {
        var e = Assert.Throws<RubricInputException>(() => Evaluate(TestInputs.ChangningFull().Judge("A1.1", 5.5m)));
        Assert.Contains("A1.1", e.Message);
    }

    [Fact]
    public void Inspection_check_accepts_only_its_allowed_scores()
    {
        var e = Assert.Throws<RubricInputException>(() => Evaluate(TestInputs.ChangningFull().Judge("B1.1", 0.5m)));
        Assert.Contains("B1.1", e.Message);
        Assert.Equal(0m, Evaluate(TestInputs.ChangningFull().Judge("B1.1", 0m)).Item("B1.1").Score);
    }

    [Fact]
    public void Judgement_without_a_reason_is_rejected()
    {
        Assert.Throws<RubricInputException>(() => Evaluate(TestInputs.ChangningFull().Judge("A1.1", 4m, "王评估", " ")));
    }

    [Fact]
    public void Empty_inputs_score_only_the_no_disaster_item_and_mark_everything_else_pending_or_missing()
    {
        var result = RubricEvaluator.Evaluate(Changning, RubricInputs.Empty);
        Assert.Equal(0.5m, result.Total);
        Assert.Equal(Changning.Items.Count(i => i.Rule is Rules.JudgementRule), result.PendingCount);
        Assert.True(result.MissingCount > 0);
        Assert.Equal(AssessmentState.Provisional, result.State);
        Assert.Null(result.Grade);
    }

    [Fact]
    public void Every_item_result_lists_code_name_inputs_score_maximum_and_explanation()
    {
        var result = Evaluate(TestInputs.ChangningFull());
        Assert.Equal(Changning.Items.Count() + Changning.Vetoes.Count, result.Items.Count);
        Assert.All(result.Items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Code));
            Assert.False(string.IsNullOrWhiteSpace(i.Name));
            Assert.False(string.IsNullOrWhiteSpace(i.Explanation));
            Assert.True(i.Score <= i.Maximum);
        });
        Assert.Equal(new[] { "hedui.civil_returned", "hedui.civil_submitted" }, result.Item("C6.4a").Inputs.Keys.Order());
    }
}
