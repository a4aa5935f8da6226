using System.Text;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>What docs/sources.md says a feed file may look like beyond the plain form: BOM, CRLF, RFC 4180 quoting.</summary>
[Collection(EtlCollection.Name)]
public sealed class FormatToleranceTests(DemoDropFixture drop) : IDisposable
{
    private const string Requests = "verification/2024Q3/requests.csv";
    private readonly TestBed _bed = new TestBed(drop).Copy("verification", "2024Q3");

    public void Dispose() => _bed.Dispose();

    private long Rows => _bed.FeedRows("verification", "2024Q3");

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_loads_every_row()
    {
        var rows = Rows;
        var bytes = File.ReadAllBytes(_bed.PathOf(Requests));
        File.WriteAllBytes(_bed.PathOf(Requests), [.. Encoding.UTF8.GetPreamble(), .. bytes]);

        var result = _bed.Load("verification", "2024Q3");

        Assert.Equal((rows, rows, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM fact_verification_requests WHERE request_id IS NULL OR NOT regexp_full_match(request_id, '[0-9]+')"));
    }

    [Fact]
    public void A_file_with_windows_line_ends_loads_every_row_without_carriage_returns()
    {
        var rows = Rows;
        File.WriteAllText(_bed.PathOf(Requests), string.Join("\r\n", _bed.Lines(Requests)) + "\r\n", TestBed.Utf8);

        var result = _bed.Load("verification", "2024Q3");

        Assert.Equal((rows, rows, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM fact_verification_requests WHERE contains(coalesce(return_reason, ''), chr(13))"));
    }

    [Fact]
    public void A_quoted_field_with_commas_quotes_and_a_line_break_loads_as_one_value()
    {
        var rows = Rows;
        var requestId = _bed.Cell(Requests, 7, "request_id");
        _bed.SetCell(Requests, 7, "return_reason", "\"材料缺失, 需补充\"\"收入证明\"\"\n另附说明\"");

        var result = _bed.Load("verification", "2024Q3");

        Assert.Equal((rows, rows, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal("材料缺失, 需补充\"收入证明\"\n另附说明", _bed.Text($"SELECT return_reason FROM fact_verification_requests WHERE request_id = '{requestId}'"));
    }
}
