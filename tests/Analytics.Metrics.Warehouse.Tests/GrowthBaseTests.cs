using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>同比 inputs are compared only between complete bases: every needed quarter of each feed loaded in both years.</summary>
public sealed class GrowthBaseTests : IDisposable
{
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");
    private readonly FreshWarehouse _fresh = new();

    private ItemResult Item(AssessmentPeriod period, string code)
    {
        IndicatorEngine.Refresh(_fresh.Connection);
        var town = new RubricInputBuilder(_fresh.Connection).Build(Songjiang, period).First(u => u.Unit.TownKey == _fresh.Yueyang);
        return RubricEvaluator.Evaluate(Songjiang, town.Inputs).Item(code);
    }

    private void LoadYears(string feed, params int[] quarterKeys)
    {
        foreach (var key in quarterKeys)
        {
            _fresh.Loaded(key * 100L + feed.Length, feed, key);
        }
    }

    [Fact]
    public void A_base_year_missing_a_quarter_is_missing_data_naming_the_quarter_and_feed()
    {
        LoadYears("verification", 20231, 20233, 20234, 20241, 20242, 20243, 20244);
        var item = Item(AssessmentPeriod.ForYear(2024), "S1.3b");
        Assert.Equal(ItemStatus.MissingInput, item.Status);
        Assert.Equal(0m, item.Score);
        Assert.Equal("缺数据：上年同期缺 2023Q2 居民经济状况核对系统数据，核对市级退回率无法与上年同期比较，暂记 0 分", item.Explanation);
    }

    [Fact]
    public void A_current_year_not_yet_complete_is_missing_data_too()
    {
        LoadYears("verification", 20231, 20232, 20233, 20234, 20241, 20242, 20243);
        var item = Item(AssessmentPeriod.ForYear(2024), "S1.3b");
        Assert.Equal("缺数据：本期缺 2024Q4 居民经济状况核对系统数据，核对市级退回率无法与上年同期比较，暂记 0 分", item.Explanation);
    }

    [Fact]
    public void A_quarter_needs_only_itself_and_the_same_quarter_last_year()
    {
        LoadYears("verification", 20233, 20243);
        var item = Item(AssessmentPeriod.ForQuarter(2024, 3), "S1.3b");
        // Both quarters loaded with no requests: no cases this quarter, which the item scores full.
        Assert.Equal(ItemStatus.NotApplicable, item.Status);
        Assert.Equal(5m, item.Score);
    }

    [Fact]
    public void A_stock_needs_only_the_last_quarter_of_each_year_and_a_flow_every_quarter()
    {
        LoadYears("socialorg", 20234, 20244);
        var item = Item(AssessmentPeriod.ForYear(2024), "S4.5b");
        Assert.NotEqual(ItemStatus.MissingInput, item.Status);
        LoadYears("ledger", 20231, 20233, 20241, 20242, 20243, 20244);
        // The fresh warehouse holds no ledger rows, so the item itself reads the missing ledgers first; the base gap is
        // what the builder hands the growth rule for the flow it compares.
        IndicatorEngine.Refresh(_fresh.Connection);
        var town = new RubricInputBuilder(_fresh.Connection).Build(Songjiang, AssessmentPeriod.ForYear(2024)).First(u => u.Unit.TownKey == _fresh.Yueyang);
        Assert.Equal("上年同期缺 2023Q2、2023Q4 街镇季度台账数据", town.Inputs.BaseGaps!["assistive.device_rentals"]);
    }

    [Fact]
    public void A_base_year_with_nothing_loaded_is_no_baseline_as_the_rubric_scores_it()
    {
        LoadYears("verification", 20241, 20242, 20243, 20244);
        _fresh.Execute(
            "INSERT INTO fact_verification_requests (run_id, quarter_key, district_code, town_key, request_id, business_type, households, " +
            "received_date, deadline_date, finished_date, materials_complete, returned_by_city, return_reason) " +
            $"VALUES (1, 20243, '{FreshWarehouse.Songjiang}', {_fresh.Yueyang}, 'R1', 'civil_assistance', 3, DATE '2024-08-01', DATE '2024-08-16', " +
            "DATE '2024-08-10', true, true, '材料不全')");
        var item = Item(AssessmentPeriod.ForYear(2024), "S1.3b");
        Assert.Equal(ItemStatus.NoBaseline, item.Status);
        Assert.Equal("核对市级退回率 100.0%（3/3）；无上年基数（上年同期数据缺失），无法比较，按规定得 0 分", item.Explanation);
    }

    [Fact]
    public void Indicator_yoy_of_a_year_is_shown_only_between_complete_years()
    {
        LoadYears("verification", 20231, 20233, 20234, 20241, 20242, 20243, 20244);
        IndicatorEngine.Refresh(_fresh.Connection);
        const string Sql = "SELECT yoy_direction || ':' || coalesce(CAST(yoy_previous AS VARCHAR), '-') FROM metric_value " +
                           "WHERE indicator_code = 'hedui.submitted' AND level = 'district' AND district_code = $1 AND period = $2";
        Assert.Equal("no_baseline:-", WarehouseSql.Scalar<string>(_fresh.Connection, Sql, FreshWarehouse.Songjiang, "2024"));
        Assert.Equal("flat:0.0000", WarehouseSql.Scalar<string>(_fresh.Connection, Sql, FreshWarehouse.Songjiang, "2024Q3"));
    }

    public void Dispose() => _fresh.Dispose();
}
