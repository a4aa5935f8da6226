using Analytics.DuckDb;
using Analytics.Metrics;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>
/// The definitions behind rubric inputs, measured on hand-written fact rows in a fresh warehouse: what counts as an
/// overdue or finished verification request, and organisations the source places in no 街镇.
/// </summary>
public sealed class QuantityDefinitionTests : IDisposable
{
    private const string Songjiang = FreshWarehouse.Songjiang;
    private readonly FreshWarehouse _fresh = new();

    private void Execute(string sql) => _fresh.Execute(sql);

    private void Loaded(long runId, string feed, int quarterKey) => _fresh.Loaded(runId, feed, quarterKey);

    private decimal? Value(string quantity, string level, string period)
    {
        var unit = level == "town" ? $"T:{_fresh.Yueyang}" : $"D:{Songjiang}";
        return WarehouseSql.Scalar<decimal?>(_fresh.Connection,
            "SELECT value FROM metric_quantity_value WHERE quantity_code = $1 AND unit_key = $2 AND period = $3", quantity, unit, period);
    }

    private void Request(string id, string type, int households, string deadline, string? finished) => Execute(
        "INSERT INTO fact_verification_requests (run_id, quarter_key, district_code, town_key, request_id, business_type, households, " +
        "received_date, deadline_date, finished_date, materials_complete, returned_by_city, return_reason) " +
        $"VALUES (1, 20243, '{Songjiang}', {_fresh.Yueyang}, '{id}', '{type}', {households}, DATE '2024-08-01', DATE '{deadline}', " +
        $"{(finished is null ? "NULL" : $"DATE '{finished}'")}, true, false, NULL)");

    [Fact]
    public void An_open_request_is_overdue_only_once_its_deadline_has_passed_by_quarter_end_and_counts_as_due_with_the_finished_ones_in_every_overdue_rate()
    {
        Loaded(1, "verification", 20243);
        Request("R1", "housing_security", 1, "2024-08-31", "2024-08-20"); // finished in time
        Request("R2", "housing_security", 2, "2024-09-10", "2024-09-20"); // finished late: overdue
        Request("R3", "housing_security", 4, "2024-09-30", null);         // open, deadline is the quarter's last day: overdue
        Request("R4", "housing_security", 8, "2024-10-10", null);         // open, deadline after quarter end: not yet overdue
        Request("R5", "civil_assistance", 16, "2024-10-05", "2024-10-12"); // finished after quarter end, late: overdue
        IndicatorEngine.Refresh(_fresh.Connection);

        Assert.Equal(6m, Value("hedui.housing_overdue", "town", "2024Q3"));
        Assert.Equal(7m, Value("hedui.housing_total", "town", "2024Q3")); // R1 + R2 + R3: R4 is neither finished nor overdue
        Assert.Equal(15m, Value("hedui.housing_submitted", "town", "2024Q3"));
        Assert.Equal(16m, Value("hedui.civil_overdue", "town", "2024Q3"));
        Assert.Equal(16m, Value("hedui.civil_total", "town", "2024Q3"));
        Assert.Equal(22m, Value("hedui.overdue", "town", "2024Q3"));
        Assert.Equal(23m, Value("hedui.due", "town", "2024Q3")); // both business types' due requests
        Assert.Equal(31m, Value("hedui.submitted", "town", "2024Q3"));
        // 核对超期率 divides by the due requests as its two business-type rates do: 22 ÷ 23, not 22 ÷ 31.
        Assert.Equal(Math.Round(22m * 100m / 23m, 4), Math.Round(WarehouseSql.Scalar<decimal>(_fresh.Connection,
            "SELECT value FROM metric_value WHERE indicator_code = 'hedui.overdue_rate' AND level = 'town' AND town_key = $1 AND period = '2024Q3'",
            _fresh.Yueyang), 4));
    }

    [Fact]
    public void Changning_C6_3b_overdue_rate_divides_by_due_requests_so_an_open_overdue_request_is_counted_in_both()
    {
        // 长宁 2023 C6.3b: "住房保障类业务超期率≤10%，得 0.5 分，每增加 10%，扣 0.1 分，扣完为止". Of ten requests due by the
        // quarter's end, one was finished late and one is still open past its deadline: 2 of 10 overdue is exactly 20%,
        // one step beyond the band. Dividing by the nine finished ones only would give 22.2% (two steps, 0.3 points).
        Loaded(1, "verification", 20243);
        for (var i = 1; i <= 8; i++)
        {
            Request($"F{i}", "housing_security", 1, "2024-08-31", "2024-08-20");
        }

        Request("LATE", "housing_security", 1, "2024-08-31", "2024-09-05");
        Request("OPEN", "housing_security", 1, "2024-09-15", null);
        IndicatorEngine.Refresh(_fresh.Connection);

        Assert.Equal(2m, Value("hedui.housing_overdue", "town", "2024Q3"));
        Assert.Equal(10m, Value("hedui.housing_total", "town", "2024Q3"));
        Assert.Equal(20.0000m, WarehouseSql.Scalar<decimal>(_fresh.Connection,
            "SELECT value FROM metric_value WHERE indicator_code = 'hedui.housing_overdue_rate' AND level = 'town' AND town_key = $1 AND period = '2024Q3'",
            _fresh.Yueyang));

        var inputs = RubricInputs.Empty with
        {
            Values = new Dictionary<string, decimal?>
            {
                ["hedui.housing_overdue"] = Value("hedui.housing_overdue", "town", "2024Q3"),
                ["hedui.housing_total"] = Value("hedui.housing_total", "town", "2024Q3"),
            },
        };
        var item = RubricEvaluator.Evaluate(RubricCatalog.Get("changning-2023"), inputs).Item("C6.3b");
        Assert.Equal(0.4m, item.Score);
        Assert.Equal("住房保障类超期率 20.0%（2/10），超出 10% 基准 1 档（每档 10%），扣 0.1 分，得 0.4 分", item.Explanation);
    }

    [Fact]
    public void Metric_tables_computed_with_an_earlier_definition_are_recomputed_without_waiting_for_a_load()
    {
        Loaded(1, "verification", 20243);
        Request("R1", "housing_security", 1, "2024-08-31", "2024-08-20");
        Request("R3", "housing_security", 4, "2024-09-30", null);
        IndicatorEngine.Refresh(_fresh.Connection);
        Assert.Null(IndicatorEngine.RefreshIfStale(_fresh.Connection));

        // A warehouse refreshed by the release before 应办结 was the 超期率's denominator: stamped with the run id alone and
        // holding the finished requests only (1).
        WarehouseSql.SetMeta(_fresh.Connection, "metrics_computed_for_run_id", "1");
        Execute("UPDATE metric_quantity_value SET value = 1 WHERE quantity_code = 'hedui.housing_total'");

        Assert.NotNull(IndicatorEngine.RefreshIfStale(_fresh.Connection));
        Assert.Equal(5m, Value("hedui.housing_total", "town", "2024Q3"));
        Assert.Null(IndicatorEngine.RefreshIfStale(_fresh.Connection));
    }

    private void Organisation(string id, int? townKey, string? grade) => Execute(
        "INSERT INTO fact_socialorg_organisations (run_id, quarter_key, district_code, town_key, org_id, name, org_type, registered_date, " +
        "cancelled_date, status, evaluation_due, evaluation_participated, evaluation_grade, evaluation_year) " +
        $"VALUES (2, 20243, '{Songjiang}', {(townKey is { } k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL")}, '{id}', '组织{id}', " +
        $"'social_group', DATE '2015-01-01', NULL, 'active', true, true, {(grade is null ? "NULL" : $"'{grade}'")}, 2022)");

    [Fact]
    public void Organisations_without_a_town_count_towards_their_district_but_no_town()
    {
        Loaded(2, "socialorg", 20243);
        Organisation("A", _fresh.Yueyang, "4A");
        Organisation("B", _fresh.Yueyang, null);
        Organisation("C", null, "5A");  // registered at district level, no 街镇
        Organisation("D", null, "2A");
        Organisation("E", null, null);
        IndicatorEngine.Refresh(_fresh.Connection);

        Assert.Equal(2m, Value("socorg.registered", "town", "2024Q3"));
        Assert.Equal(1m, Value("socorg.rated", "town", "2024Q3"));
        Assert.Equal(5m, Value("socorg.registered", "district", "2024Q3"));
        Assert.Equal(3m, Value("socorg.rated", "district", "2024Q3"));
        Assert.Equal(2m, Value("socorg.rated_3a_plus", "district", "2024Q3"));
        // A stock's year is its last quarter, for the district's unplaced organisations as for a town.
        Assert.Equal(5m, Value("socorg.registered", "district", "2024"));
        Assert.Equal(60.0000m, WarehouseSql.Scalar<decimal>(_fresh.Connection,
            "SELECT value FROM metric_value WHERE indicator_code = 'socorg.rated_rate' AND level = 'district' AND district_code = $1 AND period = '2024Q3'", Songjiang));
        Assert.Equal(0L, WarehouseSql.Scalar<long>(_fresh.Connection, "SELECT count(*) FROM metric_quantity_value WHERE level = 'town' AND town_key IS NULL"));
    }

    private void Payment(string id, string recipient, string category, string type, string month, decimal amount) => Execute(
        "INSERT INTO fact_assistance_payments (run_id, quarter_key, district_code, town_key, payment_id, recipient_id, category, payment_type, pay_month, amount) " +
        $"VALUES (3, 20241, '{Songjiang}', {_fresh.Yueyang}, '{id}', '{recipient}', '{category}', '{type}', DATE '{month}', {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)})");

    private void Event(string id, string recipient, string category, string type, string date) => Execute(
        "INSERT INTO fact_assistance_case_events (run_id, quarter_key, district_code, town_key, event_id, recipient_id, category, event_type, event_date, due_date) " +
        $"VALUES (3, 20241, '{Songjiang}', {_fresh.Yueyang}, '{id}', '{recipient}', '{category}', '{type}', DATE '{date}', NULL)");

    [Fact]
    public void A_person_helped_once_is_one_episode_however_many_payments_follow()
    {
        Loaded(3, "assistance", 20241);
        // 支出型贫困: one decision in January, three monthly payments and the Spring Festival relief.
        Event("E1", "P1", "expenditure_poverty", "application", "2024-01-02");
        Event("E2", "P1", "expenditure_poverty", "approval", "2024-01-15");
        foreach (var (id, month) in new[] { ("M1", "2024-01-01"), ("M2", "2024-02-01"), ("M3", "2024-03-01") })
        {
            Payment(id, "P1", "expenditure_poverty", "monthly", month, 800m);
        }

        Payment("F1", "P1", "expenditure_poverty", "festival_relief", "2024-01-01", 800m);
        // 临时救助: two decisions for one person (helped twice), one rejected applicant.
        Event("E3", "P2", "temporary_assistance", "approval", "2024-02-10");
        Payment("T1", "P2", "temporary_assistance", "one_off", "2024-02-01", 1500m);
        Event("E4", "P2", "temporary_assistance", "approval", "2024-03-20");
        Payment("T2", "P2", "temporary_assistance", "one_off", "2024-03-01", 500m);
        Event("E5", "P3", "temporary_assistance", "application", "2024-03-01");
        Event("E6", "P3", "temporary_assistance", "rejection", "2024-03-12");
        IndicatorEngine.Refresh(_fresh.Connection);

        Assert.Equal(1m, Value("assistance.expenditure_poverty_cases", "town", "2024Q1"));
        Assert.Equal(2m, Value("assistance.temporary_cases", "town", "2024Q1"));
        Assert.Equal(1m, Value("assistance.festival_relief_cases", "town", "2024Q1"));
        Assert.Equal(5200m, Value("assistance.payment_amount", "town", "2024Q1"));
    }

    public void Dispose() => _fresh.Dispose();
}
