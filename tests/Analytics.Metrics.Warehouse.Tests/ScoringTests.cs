using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Tests;

[Collection(WarehouseCollection.Name)]
public sealed class ScoringTests(WarehouseFixture fixture)
{
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");

    private (decimal Returned, decimal Submitted, decimal Staff, decimal Certified, decimal CareWorkers, decimal Skill, decimal Eligible, decimal Participants,
        decimal Registered, decimal Rated3A, decimal? Rentals, decimal? BoundaryInspections)
        Facts(int townKey, int quarterKey)
    {
        decimal Q(string sql) => fixture.Scalar<decimal?>(sql, townKey, quarterKey) ?? 0m;
        return (
            Q("SELECT sum(households) FILTER (WHERE returned_by_city) FROM fact_verification_requests WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT sum(households) FROM fact_verification_requests WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FROM fact_eldercare_staff WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FILTER (WHERE has_certificate) FROM fact_eldercare_staff WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FILTER (WHERE role = 'care_worker') FROM fact_eldercare_staff WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FILTER (WHERE role = 'care_worker' AND skill_level <> 'none') FROM fact_eldercare_staff WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FILTER (WHERE status = 'active' AND evaluation_due) FROM fact_socialorg_organisations WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FILTER (WHERE status = 'active' AND evaluation_due AND evaluation_participated) FROM fact_socialorg_organisations WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FILTER (WHERE status = 'active') FROM fact_socialorg_organisations WHERE town_key = $1 AND quarter_key = $2"),
            Q("SELECT count(*) FILTER (WHERE status = 'active' AND evaluation_grade IN ('3A', '4A', '5A')) FROM fact_socialorg_organisations WHERE town_key = $1 AND quarter_key = $2"),
            fixture.Scalar<decimal?>("SELECT sum(assistive_device_rentals) FROM fact_ledger WHERE town_key = $1 AND quarter_key = $2", townKey, quarterKey),
            fixture.Scalar<decimal?>("SELECT sum(boundary_inspections) FROM fact_ledger WHERE town_key = $1 AND quarter_key = $2", townKey, quarterKey));
    }

    /// <summary>The 松江 2024Q3 score of every town, worked out by hand from the facts with the notice's rules.</summary>
    [Fact]
    public void Songjiang_quarter_scores_match_a_hand_computation_from_the_facts_exactly()
    {
        var score = TownScorer.Score(fixture.Warehouse, Songjiang, AssessmentPeriod.ForQuarter(2024, 3), store: false);
        Assert.Equal(17, score.Towns.Count);
        foreach (var ranked in score.Towns)
        {
            var townKey = fixture.Scalar<int>("SELECT town_key FROM dim_region WHERE town_code = $1", ranked.Town.TownCode);
            var now = Facts(townKey, 20243);
            var before = Facts(townKey, 20233);
            // S1.3b 核对退回率较上年同期下降 (5): no requests → full; 0 in both years → full (nothing left to reduce);
            // otherwise strictly lower than 2023Q3 (cross-multiplied, exact).
            var s13b = now.Submitted == 0 ? 5m
                : before.Submitted == 0 ? 0m
                : now.Returned == 0 && before.Returned == 0 ? 5m
                : now.Returned * before.Submitted < before.Returned * now.Submitted ? 5m : 0m;
            // S2.3a 辅具租赁办件量 strictly above 2023Q3 (5); S5.2a at least one boundary self-inspection (5).
            var s23a = now.Rentals is { } r && before.Rentals is { } r0 && r > r0 ? 5m : 0m;
            var s52a = now.BoundaryInspections >= 1 ? 5m : 0m;
            var s36a = now.Staff == 0 || now.Certified == now.Staff ? 5m : 0m;
            var s36b = now.CareWorkers == 0 || now.Skill * 100 >= 80 * now.CareWorkers ? 5m : 0m;
            var s45a = now.Eligible == 0 || now.Participants * 100 >= 50 * now.Eligible ? 5m : 0m;
            var s45b = now.Registered == 0 || before.Registered == 0 ? 0m
                : now.Rated3A * before.Registered > before.Rated3A * now.Registered ? 5m : 0m;
            // Weighted sections: section = weight × Σ item scores / Σ item maxima, to 0.01; judgement items are pending (0).
            var expected = ExactMath.RoundScore(18m * s13b / 60m) + ExactMath.RoundScore(18m * s23a / 50m) + ExactMath.RoundScore(20m * (s36a + s36b) / 70m)
                + ExactMath.RoundScore(18m * (s45a + s45b) / 60m) + ExactMath.RoundScore(6m * s52a / 20m);
            var result = ranked.Town.Result;
            Assert.Equal(expected, result.Total);
            Assert.Equal(80m, result.Maximum);
            Assert.Equal(s13b, result.Item("S1.3b").Score);
            Assert.Equal(s23a, result.Item("S2.3a").Score);
            Assert.Equal(s52a, result.Item("S5.2a").Score);
            Assert.Equal(s36a, result.Item("S3.6a").Score);
            Assert.Equal(s36b, result.Item("S3.6b").Score);
            Assert.Equal(s45a, result.Item("S4.5a").Score);
            Assert.Equal(s45b, result.Item("S4.5b").Score);
            Assert.Equal(ItemStatus.NotAssessed, result.Item("S6.1").Status);
        }
    }

    [Fact]
    public void A_hand_checked_town_has_the_exact_total_and_explanation()
    {
        var score = TownScorer.Score(fixture.Warehouse, Songjiang, AssessmentPeriod.ForQuarter(2024, 3), store: false);
        var town = score.Towns.Single(t => t.Town.TownName == "岳阳街道").Town.Result;
        var item = town.Item("S3.6a");
        var townKey = fixture.Scalar<int>("SELECT town_key FROM dim_region WHERE town_name = '岳阳街道'");
        var facts = Facts(townKey, 20243);
        Assert.Contains($"（{Fmt.Num(facts.Certified)}/{Fmt.Num(facts.Staff)}）", item.Explanation, StringComparison.Ordinal);
        Assert.Equal(facts.Staff, item.Inputs["eldercare.staff"]);
    }

    /// <summary>青浦 Q05c/Q05e compare 人次 as assistance decisions, counted by hand from the case events of each year.</summary>
    [Fact]
    public void Qingpu_assistance_growth_items_compare_decisions_not_payment_rows()
    {
        var rubric = RubricCatalog.Get("qingpu-2024");
        var score = TownScorer.Score(fixture.Warehouse, rubric, AssessmentPeriod.ForYear(2024), store: false);
        var paymentRowsAboveDecisions = 0;
        foreach (var ranked in score.Towns)
        {
            var townKey = fixture.Scalar<int>("SELECT town_key FROM dim_region WHERE town_code = $1", ranked.Town.TownCode);
            foreach (var (code, category) in new[] { ("Q05c", "expenditure_poverty"), ("Q05e", "temporary_assistance") })
            {
                decimal Decisions(int year) => fixture.Scalar<long>(
                    "SELECT count(*) FROM fact_assistance_case_events WHERE town_key = $1 AND quarter_key // 10 = $2 AND event_type = 'approval' AND category = $3",
                    townKey, year, category);
                var now = Decisions(2024);
                var before = Decisions(2023);
                var item = ranked.Town.Result.Item(code);
                Assert.Equal(now, item.Inputs.Values.Single());
                Assert.Equal(before, item.Previous.Values.Single());
                Assert.Equal(now > before ? 1.25m : 0m, item.Score);
                var rows = fixture.Scalar<long>(
                    "SELECT count(*) FROM fact_assistance_payments WHERE town_key = $1 AND quarter_key // 10 = 2024 AND category = $2", townKey, category);
                paymentRowsAboveDecisions += rows > now ? 1 : 0;
            }
        }

        // 支出型贫困 is paid monthly: its payment rows outnumber the people helped in every town.
        Assert.True(paymentRowsAboveDecisions >= score.Towns.Count, $"payment rows exceeded decisions in only {paymentRowsAboveDecisions} cases");
    }

    [Fact]
    public void Growth_without_the_previous_year_is_no_baseline_not_a_crash()
    {
        // The fixture starts in 2023: scoring 2023 with the 2024 scheme's rules has no 2022 baseline.
        var rubric = Songjiang with { Year = 2023 };
        var score = TownScorer.Score(fixture.Warehouse, rubric, AssessmentPeriod.ForQuarter(2023, 3), store: false);
        foreach (var town in score.Towns)
        {
            var item = town.Town.Result.Item("S4.5b");
            Assert.Equal(ItemStatus.NoBaseline, item.Status);
            Assert.Equal(0m, item.Score);
            Assert.Contains("无上年基数", item.Explanation, StringComparison.Ordinal);
            Assert.DoesNotContain(item.Previous, p => p.Value is not null);
        }
    }

    [Fact]
    public void Ranking_is_competition_ranking_by_total_with_ties_sharing_a_rank()
    {
        foreach (var rubric in RubricCatalog.All)
        {
            var score = TownScorer.Score(fixture.Warehouse, rubric, AssessmentPeriod.ForYear(rubric.Year), store: false);
            foreach (var t in score.Towns)
            {
                Assert.Equal(1 + score.Towns.Count(o => o.Town.Result.Total > t.Town.Result.Total), t.Rank);
            }
        }

        // A tie at the top: both towns rank 1, the next town ranks 3 (1, 1, 3).
        var songjiang = TownScorer.Score(fixture.Warehouse, Songjiang, AssessmentPeriod.ForQuarter(2024, 3), store: false);
        var top = songjiang.Towns[0].Town;
        var ranked = TownRanking.Rank(songjiang.Towns.Select(t => t.Town).Append(top with { TownCode = "310117/~tie", TownName = "并列" }));
        Assert.Equal([1, 1], ranked.Take(2).Select(r => r.Rank));
        Assert.Equal(ranked[2].Town.Result.Total == top.Result.Total ? 1 : 3, ranked[2].Rank);
    }

    [Fact]
    public void Scores_are_stored_for_the_dashboard_and_the_briefing()
    {
        var period = AssessmentPeriod.ForQuarter(2024, 4);
        var score = new TownScorer(fixture.Connection).Score(Songjiang, period);
        Assert.Equal(score.Towns.Count + 1, fixture.Scalar<long>("SELECT count(*) FROM score_result WHERE rubric_id = 'songjiang-2024' AND period = '2024Q4'"));
        var items = Songjiang.Items.Count();
        Assert.Equal((score.Towns.Count + 1) * items, fixture.Scalar<long>("SELECT count(*) FROM score_item WHERE rubric_id = 'songjiang-2024' AND period = '2024Q4'"));
        var first = score.Towns[0];
        Assert.Equal(first.Town.Result.Total, fixture.Scalar<decimal>(
            "SELECT total FROM score_result WHERE rubric_id = 'songjiang-2024' AND period = '2024Q4' AND town_code = $1", first.Town.TownCode));
        // Re-scoring replaces, never duplicates.
        new TownScorer(fixture.Connection).Score(Songjiang, period);
        Assert.Equal(score.Towns.Count + 1, fixture.Scalar<long>("SELECT count(*) FROM score_result WHERE rubric_id = 'songjiang-2024' AND period = '2024Q4'"));
    }

    [Fact]
    public void Every_rubric_and_period_of_the_demo_scores_fast()
    {
        var (results, elapsed) = ScoreAll.Run(fixture.Connection);
        var towns = RubricCatalog.All.Sum(r => fixture.Scalar<long>("SELECT count(*) FROM dim_region WHERE district_code = $1", r.District.Code) + 1);
        Assert.Equal(5 * towns, results); // 4 quarters + the year; every town and the district
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"scoring took {elapsed}");
    }
}
