using Analytics.Metrics.Warehouse.Findings;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>长宁 2023 scored from the bureau's register and the right system data, on the real warehouse file.</summary>
[Collection(WarehouseCollection.Name)]
public sealed class FindingScoringTests(WarehouseFixture fixture)
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");
    private static readonly AssessmentPeriod Year = AssessmentPeriod.ForYear(2023);

    private List<string> Towns() => fixture.Rows("SELECT DISTINCT town_code FROM dim_region WHERE district_code = '310105' ORDER BY town_code")
        .Select(r => r[0]!.ToString()!).ToList();

    private RubricResult Score(string town) =>
        TownScorer.Score(fixture.Warehouse, Changning, Year, store: false).Towns.Single(t => t.Town.TownCode == town).Town.Result;

    [Fact]
    public void A_per_case_item_is_pending_until_the_bureau_closes_its_inspection_then_counts_the_active_findings()
    {
        var town = Towns()[0];
        var store = new FindingStore(fixture.Connection);
        var before = Score(town).Item("E1.1");
        Assert.Equal((ItemStatus.Pending, 0m), (before.Status, before.Score));
        Assert.Contains("尚未完成E1.1检查", before.Explanation, StringComparison.Ordinal);

        var first = store.Add(Changning, Year, new FindingEntry(town, "E1.1", null, new DateOnly(2023, 10, 9), "抽查", 1,
            "抽查 20 户发现 1 户家庭收入超标仍在保", "抽查记录 CN-2023-031"), "考核员 张三");
        store.Add(Changning, Year, new FindingEntry(town, "E1.1", null, new DateOnly(2023, 12, 1), "审计", 1,
            "审计发现 1 户关系保", "审计报告 第 7 页"), "考核员 张三");
        var recorded = Score(town).Item("E1.1");
        Assert.Equal(ItemStatus.Pending, recorded.Status);
        Assert.Contains("已登记 2 例", recorded.Explanation, StringComparison.Ordinal);

        store.Close(Changning, Year, town, "E1.1", "考核员 张三", "年度抽查完毕");
        var closed = Score(town).Item("E1.1");
        Assert.Equal((ItemStatus.Scored, 1m), (closed.Status, closed.Score)); // 3 − 2 × 1
        Assert.Equal(2m, closed.Inputs["findings.improper_inclusion"]);

        store.Withdraw(Changning, first.Id, "考核员 李四", "复核：收入按规定扣除后未超标");
        Assert.Equal(2m, Score(town).Item("E1.1").Score); // 3 − 1
    }

    [Fact]
    public void Nothing_found_after_closing_scores_full_marks_and_G2_counts_each_consequence()
    {
        var town = Towns()[1];
        var store = new FindingStore(fixture.Connection);
        store.Close(Changning, Year, town, "D2.1", "考核员 张三", "已检查，未发现问题");
        var d21 = Score(town).Item("D2.1");
        Assert.Equal((ItemStatus.Scored, 1m), (d21.Status, d21.Score));

        store.Add(Changning, Year, new FindingEntry(town, "G2", "findings.care_injuries", new DateOnly(2023, 8, 2), "督查", 2,
            "两名分散供养对象跌倒受伤，照料协议未落实", "督查通报 2023-5"), "考核员 张三");
        store.Add(Changning, Year, new FindingEntry(town, "G2", "findings.care_deaths", new DateOnly(2023, 9, 2), "通报", 1,
            "一名分散供养对象因照料不到位死亡", "区府办通报 2023-9"), "考核员 张三");
        store.Close(Changning, Year, town, "G2", "考核员 张三", "年度汇总");
        var g2 = Score(town).Item("G2");
        Assert.Equal((ItemStatus.Scored, -5m), (g2.Status, g2.Score)); // 2 × 1 + 1 × 3
    }

    [Fact]
    public void One_recorded_veto_case_fails_the_grade_at_once_and_an_unrecorded_veto_is_pending_not_passed()
    {
        var towns = Towns();
        var store = new FindingStore(fixture.Connection);
        var open = Score(towns[2]);
        Assert.False(open.Vetoed);
        var pending = open.Item("V1");
        Assert.Equal(ItemStatus.Pending, pending.Status);
        Assert.Contains("一票否决事项尚无定论", pending.Explanation, StringComparison.Ordinal);

        store.Add(Changning, Year, new FindingEntry(towns[3], "V1", null, new DateOnly(2023, 7, 1), "通报", 1,
            "经办人员骗取救助金被判刑", "区检察院通报 2023-14"), "考核员 张三");
        var vetoed = Score(towns[3]);
        Assert.True(vetoed.Vetoed);
        Assert.Equal(Grade.Fail, vetoed.Grade);
    }

    [Fact]
    public void B3_2_E1_2_and_D2_2_read_the_assistance_system_for_the_whole_year()
    {
        var town = Towns()[4];
        var key = fixture.Scalar<int>("SELECT town_key FROM dim_region WHERE town_code = $1 ORDER BY valid_from DESC LIMIT 1", town);
        var reviewsLate = fixture.Scalar<long>("""
            SELECT count(*) FROM fact_assistance_case_events e JOIN dim_region r ON r.town_key = e.town_key
            WHERE r.town_code = $1 AND year(e.event_date) = 2023 AND e.event_type = 'periodic_review' AND e.event_date > e.due_date
            """, town);
        var followUpsLate = fixture.Scalar<long>("""
            SELECT count(*) FROM fact_assistance_case_events e JOIN dim_region r ON r.town_key = e.town_key
            WHERE r.town_code = $1 AND year(e.event_date) = 2023 AND e.event_type = 'follow_up_visit' AND e.event_date > e.due_date
            """, town);
        // Uninsured spells of the year, counted independently with LAG: uninsured at a quarter end and not at the previous one.
        var uninsured = fixture.Scalar<long>("""
            WITH q AS (
                SELECT f.recipient_id, f.quarter_key,
                       f.category = 'dibao' AND f.status = 'active' AND NOT f.medical_insured AS out_now
                FROM fact_assistance_recipients f JOIN dim_region r ON r.town_key = f.town_key
                WHERE r.town_code = $1 AND f.quarter_key BETWEEN 20231 AND 20234),
            w AS (SELECT *, lag(out_now) OVER (PARTITION BY recipient_id ORDER BY quarter_key) AS out_before,
                         lag(quarter_key) OVER (PARTITION BY recipient_id ORDER BY quarter_key) AS before_key FROM q)
            SELECT count(*) FROM w WHERE out_now AND NOT (coalesce(out_before, false) AND before_key = quarter_key - 1)
            """, town);
        Assert.True(key > 0);

        var result = Score(town);
        Assert.Equal((decimal)reviewsLate, result.Item("B3.2").Inputs["assistance.periodic_reviews_late"]);
        Assert.Equal(Math.Max(0m, 2m - 0.5m * reviewsLate), result.Item("B3.2").Score);
        Assert.Equal((decimal)followUpsLate, result.Item("E1.2").Inputs["assistance.follow_ups_late"]);
        Assert.Equal(Math.Max(0m, 3m - followUpsLate), result.Item("E1.2").Score);
        Assert.Equal((decimal)uninsured, result.Item("D2.2").Inputs["dibao.uninsured_cases"]);
        Assert.Equal(Math.Max(0m, 1m - 0.1m * uninsured), result.Item("D2.2").Score);
    }

    [Fact]
    public void B6_2_compares_the_year_end_ledger_with_the_system_and_a_missing_ledger_is_missing_data()
    {
        var rows = fixture.Rows("""
            SELECT r.town_code, count(l.town_key) AS ledgers,
                   max(l.dibao_recipients_reported) FILTER (WHERE l.quarter_key = 20234) AS reported
            FROM (SELECT DISTINCT town_code, town_key FROM dim_region WHERE district_code = '310105') r
            LEFT JOIN fact_ledger l ON l.town_key = r.town_key AND l.quarter_key BETWEEN 20231 AND 20234
            GROUP BY r.town_code ORDER BY r.town_code
            """);
        var complete = rows.First(r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture) == 4);
        var town = complete[0]!.ToString()!;
        var system = fixture.Scalar<long>("""
            SELECT count(*) FROM fact_assistance_recipients f JOIN dim_region r ON r.town_key = f.town_key
            WHERE r.town_code = $1 AND f.quarter_key = 20234 AND f.category = 'dibao' AND f.status = 'active'
            """, town);
        var b62 = Score(town).Item("B6.2");
        Assert.Equal((decimal)system, b62.Inputs["dibao.recipients"]);
        Assert.Equal(Convert.ToDecimal(complete[2], System.Globalization.CultureInfo.InvariantCulture), b62.Inputs["dibao.recipients_reported"]);
        Assert.Equal(Convert.ToDecimal(complete[2], System.Globalization.CultureInfo.InvariantCulture) == system ? 1m : 0m, b62.Score);

    }

    [Fact]
    public void A_town_short_of_a_ledger_has_every_ledger_fed_item_as_missing_data_not_as_nothing_happened()
    {
        // The demo drops one town's ledger for one quarter of 2024 (missing_submission).
        var row = fixture.Rows("""
            SELECT r.district_code, r.town_code, count(l.town_key) AS ledgers
            FROM (SELECT DISTINCT district_code, town_code, town_key FROM dim_region) r
            LEFT JOIN fact_ledger l ON l.town_key = r.town_key AND l.quarter_key BETWEEN 20241 AND 20244
            GROUP BY ALL HAVING count(l.town_key) BETWEEN 1 AND 3
            """).Single();
        var district = row[0]!.ToString()!;
        var rubric = district == Changning.District.Code
            ? Changning with { Year = 2024 }
            : RubricCatalog.All.Single(r => r.District.Code == district && r.Year == 2024);
        var result = TownScorer.Score(fixture.Warehouse, rubric, AssessmentPeriod.ForYear(2024), store: false)
            .Towns.Single(t => t.Town.TownCode == row[1]!.ToString()).Town.Result;

        var ledgerFed = rubric.Items.Where(i => i.Inputs.Values.Any(n => Quantities.QuantityCatalog.Find(n)?.Feed == "ledger")).Select(i => i.Code).ToList();
        Assert.NotEmpty(ledgerFed);
        foreach (var code in ledgerFed)
        {
            var item = result.Item(code);
            Assert.Equal((code, ItemStatus.MissingInput, 0m), (code, item.Status, item.Score));
            Assert.Contains($"街镇台账应报 4 份，实报 {row[2]} 份", item.Explanation, StringComparison.Ordinal);
        }
    }
}
