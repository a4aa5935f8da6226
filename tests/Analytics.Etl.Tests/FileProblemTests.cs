using System.Text;
using Analytics.Etl.Tests.Support;
using Analytics.Sources;

namespace Analytics.Etl.Tests;

/// <summary>Problems that stop a whole load: a clear Chinese error naming the file, and an unchanged warehouse.</summary>
[Collection(EtlCollection.Name)]
public sealed class FileProblemTests(DemoDropFixture drop) : IDisposable
{
    private const string Requests = "verification/2024Q3/requests.csv";
    private readonly TestBed _bed = new TestBed(drop).Copy("verification", "2024Q3");

    public void Dispose() => _bed.Dispose();

    private void AssertNothingLoadedAndFailureLogged(string message)
    {
        Assert.Empty(_bed.FactCounts());
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_quarantine"));
        Assert.Equal(1, _bed.Scalar("SELECT count(*) FROM etl_run WHERE status = 'failed'"));
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_run WHERE status = 'succeeded'"));
        Assert.Equal(message, _bed.Text("SELECT message FROM etl_run WHERE status = 'failed'"));
    }

    [Fact]
    public void A_missing_column_fails_the_load_naming_the_file_and_the_column()
    {
        var lines = _bed.Lines(Requests);
        var index = _bed.ColumnIndex(Requests, "households");
        _bed.WriteLines(Requests, lines.Select(l => string.Join(",", l.Split(',').Where((_, i) => i != index))));

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal("verification/2024Q3/requests.csv：表头与数据规范不符：缺少列 households (header does not match docs/sources.md)。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }

    [Fact]
    public void An_extra_column_fails_the_load_naming_the_file_and_the_column()
    {
        var lines = _bed.Lines(Requests);
        _bed.WriteLines(Requests, lines.Select((l, i) => l + (i == 0 ? ",remark" : ",x")));

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal("verification/2024Q3/requests.csv：表头与数据规范不符：多出列 remark (header does not match docs/sources.md)。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }

    [Fact]
    public void A_renamed_column_is_reported_as_both_missing_and_extra()
    {
        var lines = _bed.Lines(Requests);
        lines[0] = lines[0].Replace("received_date", "receive_date", StringComparison.Ordinal);
        _bed.WriteLines(Requests, lines);

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal("verification/2024Q3/requests.csv：表头与数据规范不符：缺少列 received_date；多出列 receive_date (header does not match docs/sources.md)。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }

    [Fact]
    public void An_empty_file_fails_the_load_as_empty()
    {
        File.WriteAllBytes(_bed.PathOf(Requests), []);

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal("verification/2024Q3/requests.csv：文件为空 (empty file)。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }

    [Fact]
    public void A_missing_file_fails_the_load_as_a_missing_delivery()
    {
        File.Delete(_bed.PathOf("verification/2024Q3/verifiers.csv"));

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal("verification/2024Q3/verifiers.csv：缺少文件 (file missing)。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }

    [Fact]
    public void A_header_only_file_is_an_empty_quarter_and_loads_zero_rows()
    {
        _bed.WriteLines(Requests, _bed.Lines(Requests).Take(1));
        var verifiers = _bed.DataRows("verification/2024Q3/verifiers.csv");

        var result = _bed.Load("verification", "2024Q3");

        Assert.True(result.Succeeded);
        Assert.Equal(verifiers, result.RowsRead);
        Assert.Equal(verifiers, result.RowsLoaded);
        Assert.Equal(0, result.RowsQuarantined);
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM fact_verification_requests"));
    }

    [Fact]
    public void A_file_in_neither_utf8_nor_gb18030_fails_with_an_encoding_error()
    {
        // UTF-16 (what some exports write) is neither: its BOM FF FE is invalid in both.
        var text = File.ReadAllText(_bed.PathOf(Requests), TestBed.Utf8);
        File.WriteAllText(_bed.PathOf(Requests), text, Encoding.Unicode);

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal("verification/2024Q3/requests.csv：文件编码无法识别，既不是 UTF-8 也不是 GB18030：第 1 行、字节偏移 0（从 0 计）处的字节 0xFF 不是合法的 UTF-8 (unrecognised text encoding)。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }

    [Fact]
    public void A_future_quarter_is_refused_before_anything_is_read()
    {
        var future = Quarter.Of(DateOnly.FromDateTime(DateTime.Today)).Next();
        _bed.Copy("verification", "2024Q4");
        Directory.Move(_bed.PathOf("verification/2024Q4"), _bed.PathOf($"verification/{future}"));

        var error = _bed.LoadFails("verification", future.ToString());

        Assert.Equal($"verification/{future}：{future} 是未来季度，不能装载 (a future quarter)。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }

    [Fact]
    public void A_quarter_without_a_submission_fails_clearly()
    {
        var error = _bed.LoadFails("verification", "2024Q2");

        Assert.Equal($"verification/2024Q2：未找到该季度的报送目录 (no submission for this quarter in {_bed.Sources})。", error.Message);
        AssertNothingLoadedAndFailureLogged(error.Message);
    }
}
