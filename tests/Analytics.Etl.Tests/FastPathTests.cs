using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>
/// The fast path inserts a CSV file straight from DuckDB's typed read and then checks the stored rows. A file is only
/// kept that way when every row passes; problems the stored values could hide (a code outside its list in an optional
/// column, a blank district code) still send the file to the staged path, which quarantines the row with its reason.
/// </summary>
[Collection(EtlCollection.Name)]
public sealed class FastPathTests(DemoDropFixture drop) : IDisposable
{
    private const string Recipients = "assistance/2024Q3/recipients.csv";
    private const string Payments = "assistance/2024Q3/payments.csv";
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    private long AssistanceRows => _bed.FeedRows("assistance", "2024Q3");

    // The assistance files cut to their first 2000 rows: same shapes, a fraction of the time.
    private void Assistance() => _bed.Copy("assistance", "2024Q3", maxRows: 2000);

    private static bool TookTheFastPath(LoadResult result) => result.Steps.ContainsKey("verify") && !result.Steps.ContainsKey("validate");

    [Theory]
    [InlineData("assistance")]
    [InlineData("verification")]
    [InlineData("eldercare")]
    [InlineData("socialorg")]
    [InlineData("reference")]
    public void Every_file_of_a_whole_clean_demo_quarter_is_loaded_by_the_fast_path(string feed)
    {
        _bed.Copy(feed, "2024Q3");
        var rows = _bed.FeedRows(feed, "2024Q3");

        var result = _bed.Load(feed, "2024Q3");

        Assert.True(TookTheFastPath(result));
        _bed.AssertCounts(result, rows, rows, 0);
    }

    [Fact]
    public void A_clean_file_is_loaded_by_the_fast_path_with_spaces_around_values_trimmed()
    {
        Assistance();
        var recipient = _bed.Cell(Recipients, 7, "recipient_id");
        var category = _bed.Cell(Recipients, 7, "category");
        _bed.SetCell(Recipients, 7, "recipient_id", $"  {recipient} ");
        _bed.SetCell(Recipients, 7, "category", $"{category}  ");

        var result = _bed.Load("assistance", "2024Q3");

        Assert.True(TookTheFastPath(result));
        _bed.AssertCounts(result, AssistanceRows, AssistanceRows, 0);
        Assert.Equal(category, _bed.Text($"SELECT category FROM fact_assistance_recipients WHERE recipient_id = '{recipient}'"));
    }

    [Fact]
    public void A_code_outside_its_list_in_an_optional_column_is_quarantined()
    {
        Assistance();
        _bed.SetCell(Recipients, 7, "support_mode", "上门照料");

        var result = _bed.Load("assistance", "2024Q3");

        Assert.False(TookTheFastPath(result));
        _bed.AssertOneQuarantined(result, AssistanceRows, Recipients, 7, "support_mode",
            "供养方式(support_mode)：「上门照料」取值不在允许范围（dispersed/centralised）");
    }

    [Fact]
    public void A_blank_district_code_is_quarantined_and_the_other_rows_load()
    {
        Assistance();
        _bed.SetCell(Payments, 9, "district_code", "");

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertOneQuarantined(result, AssistanceRows, Payments, 9, "district_code", "区划代码(district_code)：必填字段为空");
    }

    [Fact]
    public void A_payment_month_outside_the_quarter_is_quarantined_although_it_parses_as_a_date()
    {
        Assistance();
        _bed.SetCell(Payments, 4, "pay_month", "2024-06-01");

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertOneQuarantined(result, AssistanceRows, Payments, 4, "pay_month", "发放月份(pay_month)：日期 2024-06-01 不在季度 2024Q3 内");
    }

    [Fact]
    public void A_payment_id_repeated_far_down_a_file_in_key_order_is_quarantined_as_a_duplicate()
    {
        // The file's ids ascend, so the scan's proof of distinct keys would spare the count; one repeat must undo it.
        Assistance();
        var lines = _bed.Lines(Payments);
        Assert.True(lines.Skip(1).Zip(lines.Skip(2)).All(p => string.CompareOrdinal(p.First.Split(',')[0], p.Second.Split(',')[0]) < 0));
        _bed.SetCell(Payments, 1500, "payment_id", _bed.Cell(Payments, 3, "payment_id"));

        var result = _bed.Load("assistance", "2024Q3");

        Assert.False(TookTheFastPath(result));
        _bed.AssertOneQuarantined(result, AssistanceRows, Payments, 1500, "payment_id", "重复行：主键 (payment_id) 与第 3 行相同");
    }

    [Fact]
    public void A_file_in_two_disjoint_blocks_of_ascending_ids_takes_the_fast_path()
    {
        // Festival relief paid after the monthly payments, with ids of their own: two runs of ascending ids.
        Assistance();
        var lines = _bed.Lines(Payments);
        var moved = lines.Skip(1).Take(500).ToList();
        lines.RemoveRange(1, 500);
        lines.AddRange(moved);
        _bed.WriteLines(Payments, lines);

        var result = _bed.Load("assistance", "2024Q3");

        Assert.True(TookTheFastPath(result));
        _bed.AssertCounts(result, AssistanceRows, AssistanceRows, 0);
    }
}
