using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>Values no source should send: control characters, implausible amounts and dates, each quarantined against its own field.</summary>
[Collection(EtlCollection.Name)]
public sealed class FieldRuleTests(DemoDropFixture drop) : IDisposable
{
    private const string Payments = "assistance/2024Q3/payments.csv";
    private const string Events = "assistance/2024Q3/case_events.csv";
    private const string Requests = "verification/2024Q3/requests.csv";
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    private TestBed Assistance() => _bed.Copy("assistance", "2024Q3", maxRows: 2000);

    [Fact]
    public void A_nul_inside_a_payment_id_is_quarantined_against_the_id()
    {
        Assistance();
        var id = _bed.Cell(Payments, 12, "payment_id");
        _bed.SetCell(Payments, 12, "payment_id", id[..3] + "\0" + id[3..]);

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertOneQuarantined(result, _bed.FeedRows("assistance", "2024Q3"), Payments, 12, "payment_id", "发放流水号(payment_id)：含控制字符（如 NUL）");
    }

    [Fact]
    public void A_payment_above_the_ceiling_is_quarantined_with_the_ceiling()
    {
        Assistance().SetCell(Payments, 5, "amount", "99999999999999.99");

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertOneQuarantined(result, _bed.FeedRows("assistance", "2024Q3"), Payments, 5, "amount", "金额(amount)：99999999999999.9900 超过上限 200000");
    }

    [Fact]
    public void A_deadline_years_before_its_quarter_is_quarantined()
    {
        Assistance();
        var row = Enumerable.Range(1, _bed.DataRows(Events)).First(r => _bed.Cell(Events, r, "due_date") != "");
        _bed.SetCell(Events, row, "due_date", "1924-08-15");

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertOneQuarantined(result, _bed.FeedRows("assistance", "2024Q3"), Events, row, "due_date", "规定时限(due_date)：日期 1924-08-15 早于季度 2024Q3 2 年以上，不合理");
    }

    [Fact]
    public void A_date_before_1949_is_quarantined()
    {
        _bed.Copy("verification", "2024Q3").SetCell(Requests, 3, "deadline_date", "1024-07-02");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, _bed.FeedRows("verification", "2024Q3"), Requests, 3, "deadline_date", "办结时限(deadline_date)：日期 1024-07-02 早于 1949-10-01，不合理");
    }

    [Fact]
    public void An_unknown_district_code_is_quarantined_against_the_district_code()
    {
        _bed.Copy("verification", "2024Q3").SetCell(Requests, 9, "district_code", "310199");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, _bed.FeedRows("verification", "2024Q3"), Requests, 9, "district_code", "区划代码(district_code)：未知区划代码「310199」");
    }
}
