using System.Text;
using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>
/// Bad values in otherwise good files: each bad row is quarantined with file, data row, first
/// offending field and the validator's exact Chinese reason; everything else loads; read = loaded + quarantined.
/// </summary>
[Collection(EtlCollection.Name)]
public sealed class RowQuarantineTests(DemoDropFixture drop) : IDisposable
{
    private const string Requests = "verification/2024Q3/requests.csv";
    private const string Recipients = "assistance/2024Q3/recipients.csv";
    private const string Payments = "assistance/2024Q3/payments.csv";
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    private TestBed Verification() => _bed.Copy("verification", "2024Q3");

    // The assistance files cut to their first 2000 rows: same shapes, a fraction of the time.
    private TestBed Assistance() => _bed.Copy("assistance", "2024Q3", maxRows: 2000);

    private long VerificationRows => _bed.FeedRows("verification", "2024Q3");

    private long AssistanceRows => _bed.FeedRows("assistance", "2024Q3");

    [Fact]
    public void An_unknown_town_is_quarantined_naming_district_and_town()
    {
        Verification().SetCell(Requests, 7, "town_name", "火星街道");
        var district = _bed.Cell(Requests, 7, "district_code");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "town_name", $"街镇(town_name)：区划 {district} 下没有街镇「火星街道」");
    }

    [Fact]
    public void A_short_town_name_is_matched_by_alias_and_loaded_in_the_full_town()
    {
        Verification();
        Assert.Equal("岳阳街道", _bed.Cell(Requests, 7, "town_name"));
        _bed.SetCell(Requests, 7, "town_name", "岳阳");
        var requestId = _bed.Cell(Requests, 7, "request_id");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertCounts(result, VerificationRows, VerificationRows, 0);
        Assert.Equal("岳阳街道", _bed.Text(
            $"SELECT d.town_name FROM fact_verification_requests f JOIN dim_region d USING (town_key) WHERE f.request_id = '{requestId}'"));
    }

    [Fact]
    public void A_town_alias_written_under_another_district_is_quarantined()
    {
        // 岳阳 is a Songjiang (310117) town; under 普陀 (310107) the name does not resolve.
        Verification().SetCell(Requests, 7, "district_code", "310107");
        _bed.SetCell(Requests, 7, "town_name", "岳阳");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "town_name", "街镇(town_name)：区划 310107 下没有街镇「岳阳」");
    }

    [Fact]
    public void Full_width_digits_are_accepted_and_loaded_as_their_value()
    {
        Verification().SetCell(Requests, 7, "households", "１２");
        _bed.SetCell(Requests, 8, "received_date", "２０２４－０８－０１");
        var (first, second) = (_bed.Cell(Requests, 7, "request_id"), _bed.Cell(Requests, 8, "request_id"));

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertCounts(result, VerificationRows, VerificationRows, 0);
        Assert.Equal(12, _bed.Scalar($"SELECT households FROM fact_verification_requests WHERE request_id = '{first}'"));
        Assert.Equal("2024-08-01", _bed.Text($"SELECT strftime(received_date, '%Y-%m-%d') FROM fact_verification_requests WHERE request_id = '{second}'"));
    }

    [Fact]
    public void A_number_with_thousands_separators_is_accepted_and_loaded_as_its_value()
    {
        Verification().SetCell(Requests, 7, "households", "\"1,234\"");
        var requestId = _bed.Lines(Requests)[7].Split(',')[0];

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertCounts(result, VerificationRows, VerificationRows, 0);
        Assert.Equal(1234, _bed.Scalar($"SELECT households FROM fact_verification_requests WHERE request_id = '{requestId}'"));
    }

    [Fact]
    public void A_money_amount_with_thousands_separators_keeps_its_decimals()
    {
        Assistance().SetCell(Payments, 7, "amount", "\"1,234.56\"");
        var paymentId = _bed.Lines(Payments)[7].Split(',')[0];

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertCounts(result, AssistanceRows, AssistanceRows, 0);
        Assert.Equal("1234.5600", _bed.Text($"SELECT amount::VARCHAR FROM fact_assistance_payments WHERE payment_id = '{paymentId}'"));
    }

    [Fact]
    public void A_percentage_in_a_money_column_is_quarantined()
    {
        Assistance().SetCell(Payments, 7, "amount", "88.1%");

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertOneQuarantined(result, AssistanceRows, Payments, 7, "amount", "金额(amount)：不应为百分数");
    }

    [Fact]
    public void A_percentage_in_a_count_column_is_quarantined_as_not_an_integer()
    {
        Verification().SetCell(Requests, 7, "households", "88.1%");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "households", "户次(households)：「88.1%」不是整数");
    }

    [Fact]
    public void A_blank_required_cell_is_quarantined()
    {
        Verification().SetCell(Requests, 7, "households", "  ");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "households", "户次(households)：必填字段为空");
    }

    [Fact]
    public void A_blank_optional_cell_is_loaded_as_null()
    {
        Verification().SetCell(Requests, 7, "finished_date", "");
        var requestId = _bed.Cell(Requests, 7, "request_id");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertCounts(result, VerificationRows, VerificationRows, 0);
        Assert.Equal(1, _bed.Scalar($"SELECT count(*) FROM fact_verification_requests WHERE request_id = '{requestId}' AND finished_date IS NULL"));
    }

    [Fact]
    public void A_negative_count_is_quarantined()
    {
        _bed.Copy("eldercare", "2024Q3");
        const string institutions = "eldercare/2024Q3/institutions.csv";
        _bed.SetCell(institutions, 7, "beds_total", "-5");
        var read = new[] { "institutions", "staff", "inspections", "meals" }.Sum(f => (long)_bed.DataRows($"eldercare/2024Q3/{f}.csv"));

        var result = _bed.Load("eldercare", "2024Q3");

        _bed.AssertOneQuarantined(result, read, institutions, 7, "beds_total", "核定床位(beds_total)：-5 不能为负数");
    }

    [Fact]
    public void A_count_below_its_minimum_is_quarantined()
    {
        Verification().SetCell(Requests, 7, "households", "-3");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "households", "户次(households)：-3 不能小于 1");
    }

    [Fact]
    public void A_date_outside_the_quarter_of_its_folder_is_quarantined()
    {
        Verification().SetCell(Requests, 7, "received_date", "2024-05-01");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "received_date", "受理日期(received_date)：日期 2024-05-01 不在季度 2024Q3 内");
    }

    [Fact]
    public void A_date_in_the_future_is_quarantined()
    {
        Verification().SetCell(Requests, 7, "finished_date", "2099-01-01");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "finished_date", "办结日期(finished_date)：日期 2099-01-01 在未来");
    }

    [Fact]
    public void A_row_with_several_problems_lists_all_of_them_and_names_the_first_field()
    {
        Verification().SetCell(Requests, 7, "households", "");
        _bed.SetCell(Requests, 7, "received_date", "2024-13-45");

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "households",
            "户次(households)：必填字段为空；受理日期(received_date)：「2024-13-45」不是有效日期（应为 yyyy-MM-dd）");
    }

    [Fact]
    public void An_invalid_citizen_id_is_quarantined_without_echoing_the_id()
    {
        Assistance();
        var valid = _bed.Cell(Recipients, 7, "citizen_id");
        var name = _bed.Cell(Recipients, 7, "name");
        var invalid = valid[..17] + (valid[17] == '0' ? '1' : '0'); // wrong check character
        _bed.SetCell(Recipients, 7, "citizen_id", invalid);

        var result = _bed.Load("assistance", "2024Q3");

        var row = _bed.AssertOneQuarantined(result, AssistanceRows, Recipients, 7, "citizen_id", "身份证号(citizen_id)：身份证号无效（格式、出生日期或校验位错误）");
        Assert.Contains("\"citizen_id\":\"***\"", row.Raw!.Replace(" ", "", StringComparison.Ordinal));
        var everything = _bed.Text("SELECT string_agg(concat_ws('|', file, field, reason, raw), '\n') FROM etl_quarantine")!;
        Assert.DoesNotContain(invalid, everything);
        Assert.DoesNotContain(valid, everything);
        Assert.DoesNotContain(valid[..17], everything);
        Assert.DoesNotContain(name, everything);
    }

    [Fact]
    public void A_citizen_id_with_an_impossible_birth_date_is_quarantined()
    {
        Assistance();
        var id = "31011719991332" + "001"; // month 13
        _bed.SetCell(Recipients, 7, "citizen_id", id + Sources.CitizenId.ComputeCheckCharacter(id));

        var result = _bed.Load("assistance", "2024Q3");

        _bed.AssertOneQuarantined(result, AssistanceRows, Recipients, 7, "citizen_id", "身份证号(citizen_id)：身份证号无效（格式、出生日期或校验位错误）");
    }

    [Fact]
    public void A_duplicated_row_is_quarantined_naming_the_first_occurrence()
    {
        var lines = Verification().Lines(Requests);
        lines.Insert(11, lines[5]); // data row 5 again, as data row 11
        _bed.WriteLines(Requests, lines);

        var result = _bed.Load("verification", "2024Q3");

        var row = _bed.AssertOneQuarantined(result, VerificationRows, Requests, 11, "request_id", "重复行：主键 (request_id) 与第 5 行相同");
        Assert.Equal("{\"duplicate_of_row\": 5}", row.Raw);
    }

    [Fact]
    public void A_file_cut_mid_line_quarantines_the_partial_last_row_and_loads_the_rest()
    {
        Verification();
        var path = _bed.PathOf(Requests);
        var text = File.ReadAllText(path, TestBed.Utf8).TrimEnd('\n');
        var lastLineStart = text.LastIndexOf('\n') + 1;
        var cut = text.IndexOf(',', text.IndexOf(',', lastLineStart) + 1) + 3; // inside the third field
        File.WriteAllText(path, text[..cut], TestBed.Utf8);
        var lastRow = _bed.DataRows(Requests);

        var result = _bed.Load("verification", "2024Q3");

        var row = _bed.AssertOneQuarantined(result, VerificationRows, Requests, lastRow, "(整行)", "列数不足，行不完整（文件可能被截断）");
        Assert.Equal(text[lastLineStart..cut], row.Raw);
    }

    [Fact]
    public void An_invalid_utf8_line_deep_in_a_file_is_quarantined_with_its_byte_offset_and_the_rest_loaded()
    {
        Verification();
        var path = _bed.PathOf(Requests);
        var bytes = File.ReadAllBytes(path).ToList();
        var lines = _bed.Lines(Requests);
        var target = lines.Count - 3; // far beyond the first 64 KiB that decide the encoding
        var offset = Encoding.UTF8.GetByteCount(string.Join("\n", lines.Take(target)) + "\n") + lines[target].LastIndexOf(',') + 1;
        Assert.True(offset > 64 * 1024);
        bytes.InsertRange(offset, new byte[] { 0xFF, 0xFE });
        File.WriteAllBytes(path, bytes.ToArray());

        var result = _bed.Load("verification", "2024Q3");

        _bed.AssertOneQuarantined(result, VerificationRows, Requests, target, "(整行)", $"含有非法 UTF-8 字符（文件第 {target + 1:N0} 行，字节偏移 {offset:N0}，从 0 计）");
    }

    [Fact]
    public void A_bad_ledger_value_is_quarantined_with_its_spreadsheet_row()
    {
        _bed.Copy("ledger", "2024Q3");
        const string ledger = "ledger/2024Q3/普陀区_万里街道.csv";
        var gb18030 = CodePages.Gb18030;
        var lines = File.ReadAllText(_bed.PathOf(ledger), gb18030).TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var column = lines[1].Split(',').ToList().IndexOf("violations_publicity");
        var values = lines[2].Split(',');
        values[column] = "-1";
        lines[2] = string.Join(",", values);
        File.WriteAllText(_bed.PathOf(ledger), string.Join("\r\n", lines) + "\r\n", gb18030);
        var ledgers = Directory.GetFiles(_bed.PathOf("ledger/2024Q3")).Length;

        var result = _bed.Load("ledger", "2024Q3");

        _bed.AssertOneQuarantined(result, ledgers, ledger, 3, "violations_publicity", "公示不规范例数(violations_publicity)：-1 不能为负数");
    }

    [Fact]
    public void A_row_with_more_fields_than_the_header_is_quarantined_whole()
    {
        var lines = Verification().Lines(Requests);
        lines[7] += ",多余";
        _bed.WriteLines(Requests, lines);

        var result = _bed.Load("verification", "2024Q3");

        var row = _bed.AssertOneQuarantined(result, VerificationRows, Requests, 7, "(整行)", "列数多于表头");
        Assert.Equal(lines[7], row.Raw);
    }

    [Fact]
    public void A_malformed_line_of_a_personal_file_is_quarantined_without_its_text()
    {
        var lines = Assistance().Lines(Recipients);
        var id = _bed.Cell(Recipients, 7, "citizen_id");
        lines[7] += ",多余";
        _bed.WriteLines(Recipients, lines);

        var result = _bed.Load("assistance", "2024Q3");

        var row = _bed.AssertOneQuarantined(result, AssistanceRows, Recipients, 7, "(整行)", "列数多于表头");
        Assert.Equal("（含个人信息，原文不保存）", row.Raw);
        Assert.DoesNotContain(id, _bed.Text("SELECT string_agg(concat_ws('|', reason, raw), '') FROM etl_quarantine")!);
    }
}
