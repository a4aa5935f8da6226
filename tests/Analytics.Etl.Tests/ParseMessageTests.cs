using System.Text;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>
/// A file DuckDB's CSV reader cannot parse fails its load with a Chinese message naming the file, the line (the header
/// is line 1) and the cause, never DuckDB's English advice; the warehouse is unchanged.
/// </summary>
[Collection(EtlCollection.Name)]
public sealed class ParseMessageTests(DemoDropFixture drop) : IDisposable
{
    private const string Requests = "verification/2024Q3/requests.csv";
    private readonly TestBed _bed = new TestBed(drop).Copy("verification", "2024Q3");

    public void Dispose() => _bed.Dispose();

    private void AssertRefusedWith(string message)
    {
        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal(message, error.Message);
        Assert.Empty(_bed.FactCounts());
        Assert.Equal(0, _bed.Scalar("SELECT count(*) FROM etl_run WHERE status = 'succeeded'"));
        Assert.Equal(message, _bed.Text("SELECT message FROM etl_run WHERE status = 'failed'"));
    }

    [Fact]
    public void An_unterminated_quote_names_the_line_where_the_quote_opens()
    {
        var lines = _bed.Lines(Requests);
        var fields = lines[100].Split(',');
        fields[2] = "\"" + fields[2];
        lines[100] = string.Join(",", fields);
        _bed.WriteLines(Requests, lines);

        AssertRefusedWith("verification/2024Q3/requests.csv：第 101 行的引号没有闭合，从该行起直到文件末尾都被读作同一个字段，已拒绝装载 (CSV parse error)。");
    }

    [Fact]
    public void Mixed_line_endings_name_the_first_line_that_ends_differently()
    {
        var lines = _bed.Lines(Requests);
        File.WriteAllText(_bed.PathOf(Requests), string.Join("\n", lines.Take(500)) + "\n" + string.Join("\r\n", lines.Skip(500)) + "\r\n", TestBed.Utf8);

        AssertRefusedWith("verification/2024Q3/requests.csv：第 501 行以 CRLF (\\r\\n) 换行，而第 1 行以 LF (\\n) 换行：同一文件中的换行符不一致，已拒绝装载 (CSV parse error)。");
    }

    [Fact]
    public void A_line_over_the_line_size_limit_names_its_real_line_and_length()
    {
        var lines = _bed.Lines(Requests);
        lines[300] += new string('x', 3_000_000); // into the last field, return_reason
        var length = Encoding.UTF8.GetByteCount(lines[300]);
        _bed.WriteLines(Requests, lines);

        AssertRefusedWith($"verification/2024Q3/requests.csv：第 301 行长 {length:N0} 字节，超过单行上限 2,000,000 字节（可能缺少换行符或文件已损坏），已拒绝装载 (CSV parse error)。");
    }

    [Fact]
    public void An_invalid_byte_in_the_first_64_kib_names_its_line_and_byte_offset()
    {
        var lines = _bed.Lines(Requests);
        var offset = Encoding.UTF8.GetByteCount(string.Join("\n", lines.Take(50)) + "\n") + lines[50].LastIndexOf(',');
        Assert.True(offset < 64 * 1024);
        var bytes = File.ReadAllBytes(_bed.PathOf(Requests)).ToList();
        bytes.Insert(offset, 0xFF);
        File.WriteAllBytes(_bed.PathOf(Requests), bytes.ToArray());

        AssertRefusedWith($"verification/2024Q3/requests.csv：文件编码无法识别，既不是 UTF-8 也不是 GB18030：第 51 行、字节偏移 {offset:N0}（从 0 计）处的字节 0xFF 不是合法的 UTF-8 (unrecognised text encoding)。");
    }
}
