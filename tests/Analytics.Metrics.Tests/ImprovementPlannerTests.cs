using Analytics.Metrics.Improvement;

namespace Analytics.Metrics.Tests;

/// <summary>
/// 提分建议, rule type by rule type: the change a lever names is computed from the rule's parameters, and setting those
/// input values and re-scoring earns exactly the points the lever promises.
/// </summary>
public class ImprovementPlannerTests
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");

    private static ImprovementPlan Plan(Rubric rubric, TestInputs town, params TestInputs[] others) => ImprovementPlanner.Plan(rubric, "T",
        [new PlannerTown("T", "甲街道", town.Build()), .. others.Select((o, k) => new PlannerTown($"U{k}", $"乙{k}街道", o.Build()))]);

    /// <summary>Applies the lever's values to the inputs (not through the planner) and checks the promised gains.</summary>
    private static void AssertEarns(Rubric rubric, Func<TestInputs> inputs, Lever lever)
    {
        var before = RubricEvaluator.Evaluate(rubric, inputs().Build());
        var changed = inputs();
        foreach (var change in lever.Changes)
        {
            changed.Set(change.Input, change.To);
        }

        var after = RubricEvaluator.Evaluate(rubric, changed.Build());
        Assert.Equal(lever.ItemGain, after.Item(lever.ItemCode).Score - before.Item(lever.ItemCode).Score);
        Assert.Equal(lever.TotalGain, after.Total - before.Total);
    }

    private static TestInputs Overdue25() => TestInputs.ChangningFull().Set("hedui.civil_overdue", 25).Set("hedui.civil_total", 100);

    [Fact]
    public void Step_rule_names_the_rate_of_the_next_step_and_the_fewer_overdue_requests_it_means()
    {
        // 25/100 = 25%: 15 points over the 10% band = 2 started steps of 10% → 0.5 − 0.2 = 0.3.
        var item = Plan(Changning, Overdue25()).Items.Single(i => i.ItemCode == "C6.3a");
        Assert.Equal(0.3m, item.Score);
        Assert.Equal(0.2m, item.Lost);
        var next = item.Levers.Single(l => l.Reach == "next");
        Assert.Equal(20m, next.Changes.Single().To);
        Assert.Equal(0.1m, next.ItemGain);
        Assert.Equal(0.1m, next.TotalGain);
        Assert.Equal("民政救助类超期率 25.0% → ≤ 20%：民政救助类核对超期件数由 25件减至 20件（少 5件）", next.Text);
        var full = item.Levers.Single(l => l.Reach == "full");
        Assert.Equal(10m, full.Changes.Single().To);
        Assert.Equal(0.2m, full.ItemGain);
        AssertEarns(Changning, Overdue25, next);
        AssertEarns(Changning, Overdue25, full);
    }

    [Fact]
    public void Step_rule_at_zero_points_names_the_first_step_that_scores_again()
    {
        // 100%: 9 steps, floor at 0. The first step that pays is 4 steps (0.5 − 0.4 = 0.1): ≤ 50% → 50 overdue.
        static TestInputs All() => TestInputs.ChangningFull().Set("hedui.civil_overdue", 100).Set("hedui.civil_total", 100);
        var next = Plan(Changning, All()).Items.Single(i => i.ItemCode == "C6.3a").Levers.Single(l => l.Reach == "next");
        Assert.Equal(50m, next.Changes.Single().To);
        Assert.Equal(0.1m, next.ItemGain);
        AssertEarns(Changning, All, next);
    }

    [Fact]
    public void Growth_item_names_the_count_that_beats_last_year()
    {
        // 康复辅具租赁办件量 9 against 10 last year: 11 is the least that grows; S2 is weighted 18 of 55 item points.
        static TestInputs Fell() => SongjiangTests.Baseline().Set("assistive.device_rentals", 9);
        var item = Plan(Songjiang, Fell()).Items.Single(i => i.ItemCode == "S2.3a");
        var lever = item.Levers.Single();
        Assert.Equal(11m, lever.Changes.Single().To);
        Assert.Equal(5m, lever.ItemGain);
        AssertEarns(Songjiang, Fell, lever);
    }

    [Fact]
    public void Growth_rate_to_decrease_names_the_returns_that_stay_under_last_years_rate()
    {
        // 退回率 3/100 last year, 4/120 now (3.33%): under 3% of 120 = 3.6 → at most 3 returns.
        static TestInputs Rose() => SongjiangTests.Baseline().Set("hedui.returned", 4).Set("hedui.submitted", 120);
        var lever = Plan(Songjiang, Rose()).Items.Single(i => i.ItemCode == "S1.3b").Levers.Single();
        Assert.Equal(3m, lever.Changes.Single().To);
        Assert.Equal(5m, lever.ItemGain);
        AssertEarns(Songjiang, Rose, lever);
    }

    [Fact]
    public void Per_case_deduction_names_the_cases_behind_it_and_the_count_where_points_return()
    {
        // 5 cases × 0.5 from 2 points: 0. At most 3 cases leave 0.5; none leaves 2.
        static TestInputs Cases() => TestInputs.ChangningFull().Set("assistance.periodic_reviews_late", 5);
        var item = Plan(Changning, Cases()).Items.Single(i => i.ItemCode == "B3.2");
        Assert.Equal(2m, item.Lost);
        var next = item.Levers.Single(l => l.Reach == "next");
        Assert.Equal(3m, next.Changes.Single().To);
        Assert.Equal(0.5m, next.ItemGain);
        var full = item.Levers.Single(l => l.Reach == "full");
        Assert.Equal(0m, full.Changes.Single().To);
        Assert.Equal(2m, full.ItemGain);
        AssertEarns(Changning, Cases, next);
        AssertEarns(Changning, Cases, full);
    }

    [Fact]
    public void Threshold_rate_names_the_least_attendance_strictly_above_80_percent()
    {
        // 16/20 = 80% is not > 80%: 17 attended is the least that scores.
        static TestInputs Eighty() => TestInputs.ChangningFull().Set("hedui.training_attended", 16).Set("hedui.training_required", 20);
        var lever = Plan(Changning, Eighty()).Items.Single(i => i.ItemCode == "C6.5").Levers.Single();
        Assert.Equal(17m, lever.Changes.Single().To);
        Assert.Equal(1m, lever.ItemGain);
        AssertEarns(Changning, Eighty, lever);
    }

    [Fact]
    public void Tiered_rule_names_the_next_tier_condition()
    {
        static TestInputs OneCertified() => TestInputs.ChangningFull().Set("hedui.certified_verifiers", 1);
        var lever = Plan(Changning, OneCertified()).Items.Single(i => i.ItemCode == "C6.1").Levers.Single();
        Assert.Equal(2m, lever.Changes.Single().To);
        Assert.Equal(0.5m, lever.ItemGain);
        AssertEarns(Changning, OneCertified, lever);
    }

    [Fact]
    public void Ratio_rule_names_the_whole_staff_count_that_reaches_the_ratio()
    {
        // 25000 × 1/10000 = 2.5 staff: 3 is the least whole number that reaches it.
        static TestInputs TwoStaff() => TestInputs.ChangningFull().Set("staff.assistance_workers", 2);
        var lever = Plan(Changning, TwoStaff()).Items.Single(i => i.ItemCode == "B2").Levers.Single();
        Assert.Equal(3m, lever.Changes.Single().To);
        Assert.Equal(2m, lever.ItemGain);
        AssertEarns(Changning, TwoStaff, lever);
    }

    [Fact]
    public void Capped_sum_names_the_cases_that_reach_the_cap()
    {
        static TestInputs Two() => TestInputs.ChangningFull().Set("help.excellent_cases", 2);
        var lever = Plan(Changning, Two()).Items.Single(i => i.ItemCode == "D6.3e").Levers.Single(l => l.Reach == "full");
        Assert.Equal(5m, lever.Changes.Single().To);
        Assert.Equal(0.3m, lever.ItemGain);
        AssertEarns(Changning, Two, lever);
    }

    [Fact]
    public void Pending_judgement_shows_its_open_range_and_the_plan_says_it_is_provisional()
    {
        var plan = Plan(Changning, TestInputs.ChangningFull().Unjudge("A1.1"));
        var item = plan.Items.Single(i => i.ItemCode == "A1.1");
        Assert.Equal(0m, item.OpenLowest);
        Assert.Equal(5m, item.OpenHighest);
        Assert.Empty(item.Levers);
        Assert.StartsWith("暂计：尚有 1 项待评，总分可达 95–100", plan.Note);
    }

    [Fact]
    public void Grade_path_reaches_90_with_the_fewest_items_and_the_smallest_changes()
    {
        // 长宁 full marks 100, then lose B2 (2), B3.2 (2: 5 cases), C6.3a (0.2: 25%) and D6.3e (0.3: 2 cases) and
        // A1.1, A2.1 (5 + 4 judged 0): 86.5 → 良好. 90 needs 3.5 more: B2 (+2) and B3.2 (+2) reach 90.5; shrinking B3.2
        // to its next step (+0.5) leaves 89, so the path keeps B3.2 in full.
        static TestInputs Town() => TestInputs.ChangningFull().Set("staff.assistance_workers", 2).Set("assistance.periodic_reviews_late", 5)
            .Set("hedui.civil_overdue", 25).Set("hedui.civil_total", 100).Set("help.excellent_cases", 2).Judge("A1.1", 0).Judge("A2.1", 0);
        var plan = Plan(Changning, Town());
        Assert.Equal(86.5m, plan.Result.Total);
        Assert.Equal("良好", plan.GradeOnPoints);
        var path = plan.Paths.Single(p => p.Goal == "next_grade");
        Assert.True(path.Reached);
        Assert.Equal(new[] { "B2", "B3.2" }, path.Levers.Select(l => l.ItemCode).Order());
        Assert.Equal(90.5m, path.TotalAfter);
        Assert.Equal("优秀", path.GradeAfter);
    }

    [Fact]
    public void Rank_path_passes_the_town_above_and_a_tie_is_not_enough()
    {
        // The town above has 99.7 (C6.3a at 40%: 3 steps, 0.2); ours 99.6 (1 excellent case, 0.1 of 0.5). One more case
        // ties at 99.7, and a tie shares rank 1: the smallest change that moves up, smaller than the 5 cases of the cap.
        static TestInputs Ours() => TestInputs.ChangningFull().Set("help.excellent_cases", 1);
        var above = TestInputs.ChangningFull().Set("hedui.civil_overdue", 40).Set("hedui.civil_total", 100);
        var plan = Plan(Changning, Ours(), above);
        Assert.Equal(99.6m, plan.Result.Total);
        Assert.Equal(2, plan.Rank);
        var path = plan.Paths.Single(p => p.Goal == "next_rank");
        Assert.True(path.Reached);
        Assert.Equal(1, path.RankAfter);
        Assert.Equal(99.7m, path.TotalAfter);
        var lever = path.Levers.Single();
        Assert.Equal("D6.3e", lever.ItemCode);
        Assert.Equal(2m, lever.Changes.Single().To);
    }

    [Fact]
    public void Annual_scheme_in_a_quarter_previews_on_year_to_date_values_without_grade_or_rank_paths()
    {
        // 长宁 2023 is assessed once a year: in 2023Q2 nothing is ranked; the step item is previewed on its inputs to date.
        static TestInputs Quarter() => Overdue25().In(AssessmentPeriod.ForQuarter(2023, 2));
        var plan = Plan(Changning, Quarter());
        Assert.StartsWith("年度考核，12 月评定：本期不评等级、不排名", plan.Note);
        Assert.Empty(plan.Paths);
        Assert.Null(plan.Rank);
        var item = plan.Items.Single(i => i.ItemCode == "C6.3a");
        Assert.Equal(ItemStatus.NotAssessed, item.Status);
        Assert.Equal(0.3m, item.Score);
        var next = item.Levers.Single(l => l.Reach == "next");
        Assert.Equal(0.1m, next.ItemGain);
        Assert.Equal(0m, next.TotalGain);
    }

    [Fact]
    public void District_target_tracker_is_refused_with_a_reason()
    {
        var putuo = RubricCatalog.Get("putuo-2024");
        var error = Assert.Throws<ImprovementNotApplicableException>(() =>
            ImprovementPlanner.Plan(putuo, "T", [new PlannerTown("T", "甲街道", RubricInputs.Empty)]));
        Assert.Contains("目标跟踪", error.Message);
    }
}
