using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>
/// 普陀 2024 as a district target tracker on the demo warehouse: values, projections and statuses per target checked
/// against the source rows and seed 004, bureau entries with history, and 街镇 as a breakdown. Entries are recorded
/// for 2024Q3 only, so 2024Q1 and 2024Q2 stay as the data alone has them.
/// </summary>
[Collection(WarehouseCollection.Name)]
public sealed class PutuoTrackerTests(WarehouseFixture fixture)
{
    private static readonly Rubric Putuo = RubricCatalog.Get("putuo-2024");
    private const string District = "310107";

    private DistrictTracker Tracker(AssessmentPeriod period) =>
        DistrictTracker.Of(TownScorer.Score(fixture.Warehouse, Putuo, period, store: false))!;

    private decimal Sum(string column, int lastQuarter) => fixture.Scalar<decimal>($"""
        SELECT CAST(sum(f.{column}) AS DECIMAL(18,2)) FROM fact_ledger f JOIN dim_region r USING (town_key) JOIN dim_quarter q USING (quarter_key)
        WHERE r.district_code = $1 AND q.year = 2024 AND q.quarter <= $2
        """, District, lastQuarter);

    private (long Due, long Done) Evaluation(int quarter)
    {
        var row = fixture.Rows("""
            SELECT count(*) FILTER (WHERE f.status = 'active' AND f.evaluation_due),
                   count(*) FILTER (WHERE f.status = 'active' AND f.evaluation_due AND f.evaluation_participated)
            FROM fact_socialorg_organisations f JOIN dim_region r USING (town_key) JOIN dim_quarter q USING (quarter_key)
            WHERE r.district_code = $1 AND q.year = 2024 AND q.quarter = $2
            """, District, quarter).Single();
        return (Convert.ToInt64(row[0]), Convert.ToInt64(row[1]));
    }

    [Fact]
    public void Second_quarter_tracker_matches_the_source_rows_and_the_notice()
    {
        // Ledger rows: 162 beds added by 2024Q2 → 162 × 4 / 2 = 324 ≥ 200: 按进度. 27 dementia beds → 54 < 140: 有风险.
        Assert.Equal(162m, Sum("eldercare_new_beds", 2));
        Assert.Equal(27m, Sum("eldercare_new_dementia_beds", 2));
        // Social organisations: 383 应评 in 2024Q2, 225 of them evaluated → 58.7467…% → 58.75% of 100%.
        Assert.Equal((383L, 225L), Evaluation(2));

        var tracker = Tracker(AssessmentPeriod.ForQuarter(2024, 2));
        var rows = tracker.Targets.ToDictionary(t => t.Code);
        Assert.Equal(21, rows.Count);
        Assert.Equal(("162张", "200张", "324张", "按进度", "数据"), (rows["T01"].ToDateText, rows["T01"].TargetText, rows["T01"].ProjectionText, rows["T01"].Status, rows["T01"].Source));
        Assert.Equal(("27张", "54张", "有风险", 3.86m), (rows["T04"].ToDateText, rows["T04"].ProjectionText, rows["T04"].Status, rows["T04"].Score));
        Assert.Equal(("61.48%", "按进度"), (rows["T05"].ToDateText, rows["T05"].Status));
        Assert.Equal(("47.85%", "高于上年同期（46.97%）", "按进度"), (rows["T06"].ToDateText, rows["T06"].TargetText, rows["T06"].Status));
        Assert.Equal(("10个街镇", "按进度"), (rows["T14"].ToDateText, rows["T14"].Status));
        Assert.Equal(("58.75%", "100%", "有风险", 5.87m), (rows["T15"].ToDateText, rows["T15"].TargetText, rows["T15"].Status, rows["T15"].Score));
        foreach (var code in new[] { "T16", "T17", "T18", "T19", "T20", "T21" })
        {
            Assert.Equal(("待录入", "区局录入（未录入）"), (rows[code].Status, rows[code].Source));
        }

        Assert.Equal("按进度 6 · 有风险 9 · 待录入 6", tracker.Summary);
        // The data targets earn 110.84 of 210 points: 100 × 110.84 / 210 = 52.78, 暂计 while six entries are pending
        // (at most 60 more: 170.84 / 210 → 81.35).
        var district = tracker.Score.District.Result;
        Assert.Equal((AssessmentState.Provisional, 52.78m, 52.78m, 81.35m), (district.State, district.Total, district.LowestTotal, district.HighestTotal));
    }

    [Fact]
    public void The_year_reads_met_or_missed_from_the_whole_year()
    {
        Assert.Equal(276m, Sum("eldercare_new_beds", 4));
        Assert.Equal((382L, 226L), Evaluation(4));
        var rows = Tracker(AssessmentPeriod.ForYear(2024)).Targets.ToDictionary(t => t.Code);
        Assert.Equal(("276张", "276张", "已完成"), (rows["T01"].ToDateText, rows["T01"].ProjectionText, rows["T01"].Status));
        Assert.Equal(("0家", "未完成"), (rows["T02"].ToDateText, rows["T02"].Status));
        Assert.Equal(("1家", "未完成"), (rows["T03"].ToDateText, rows["T03"].Status));
        Assert.Equal(("5个", "已完成"), (rows["T09"].ToDateText, rows["T09"].Status));
        Assert.Equal(("526户", "已完成"), (rows["T13"].ToDateText, rows["T13"].Status));
        // 226 / 382 = 59.1623…% of 100%.
        Assert.Equal(("59.16%", "未完成"), (rows["T15"].ToDateText, rows["T15"].Status));
        Assert.Equal(("48.94%", "高于上年同期（48.07%）", "已完成"), (rows["T06"].ToDateText, rows["T06"].TargetText, rows["T06"].Status));
    }

    [Fact]
    public void Towns_show_their_contribution_per_target_and_no_score()
    {
        var tracker = Tracker(AssessmentPeriod.ForQuarter(2024, 2));
        Assert.Equal(10, tracker.Towns.Count);
        var yichuan = tracker.Towns.Single(t => t.TownName == "宜川路街道");
        Assert.Equal(("162张", "全区录入", "1个"), (yichuan.Figures["T01"], yichuan.Figures["T20"], yichuan.Figures["T14"]));
        // The 街镇 figures add up to the district's: 225 of 383 organisations.
        var parts = tracker.Towns.Select(t => t.Figures["T15"].TrimEnd('家').Split('/')).ToList();
        Assert.Equal((225m, 383m), (parts.Sum(p => decimal.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture)),
            parts.Sum(p => decimal.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void A_bureau_entry_is_audited_and_stands_for_later_periods_of_the_year()
    {
        var store = new JudgementStore(fixture.Connection);
        var q3 = AssessmentPeriod.ForQuarter(2024, 3);
        var at = new DateTime(2024, 10, 8, 9, 30, 0, DateTimeKind.Utc);
        store.Record(Putuo, q3, District, "T20", 0m, "区民政局 李录入", "工作室筹建中", at);
        var change = store.Record(Putuo, q3, District, "T20", 1m, "区民政局 王科长", "10 月挂牌，见挂牌通知", at.AddHours(2));
        Assert.Equal((0m, 1m), (change.OldScore, change.NewScore));
        store.Record(Putuo, q3, District, "T17", 0m, "区民政局 李录入", "安全生产台账：年内无事故", at);

        var history = store.History(Putuo.Id, "2024Q3", District, "T20");
        Assert.Equal([(null, 0m, "区民政局 李录入"), (0m, 1m, "区民政局 王科长")],
            history.Select(h => (h.OldScore, h.NewScore, h.Evaluator)).ToList());

        var third = Tracker(q3).Targets.ToDictionary(t => t.Code);
        Assert.Equal(("是", "按进度", "区局录入（区民政局 王科长，2024-10-08 11:30，2024Q3 录入）"), (third["T20"].ToDateText, third["T20"].Status, third["T20"].Source));
        Assert.Equal(("0起", "按进度"), (third["T17"].ToDateText, third["T17"].Status));
        Assert.Equal("待录入", third["T21"].Status);

        // Entered in 2024Q3, read in the year: it stands until the bureau changes it, and decides at year end.
        var year = Tracker(AssessmentPeriod.ForYear(2024)).Targets.ToDictionary(t => t.Code);
        Assert.Equal(("是", "已完成"), (year["T20"].ToDateText, year["T20"].Status));
        Assert.Equal(("0起", "已完成"), (year["T17"].ToDateText, year["T17"].Status));
        // …but never reaches back to an earlier quarter.
        Assert.Equal("待录入", Tracker(AssessmentPeriod.ForQuarter(2024, 2)).Targets.Single(t => t.Code == "T20").Status);
    }

    [Theory]
    [InlineData("310107/宜川路街道", "T20", 1, "只能按普陀区（全区）录入")]
    [InlineData(District, "T20", 2, "只接受 1（是）或 0（否）")]
    [InlineData(District, "T18", -1, "不能为负数")]
    [InlineData(District, "T01", 200, "自动计算")]
    public void An_invalid_entry_is_refused_with_a_reason(string unit, string item, int value, string message)
    {
        var store = new JudgementStore(fixture.Connection);
        var e = Assert.Throws<RubricInputException>(() => store.Record(Putuo, AssessmentPeriod.ForQuarter(2024, 1), unit, item, value, "李录入", "理由"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Empty(store.History(Putuo.Id, "2024Q1", unit, item));
    }
}
