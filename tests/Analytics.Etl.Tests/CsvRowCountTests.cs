using System.Text;
using Analytics.Etl.Loading;

namespace Analytics.Etl.Tests;

/// <summary>The line-break count that spares the fast path a second parse of a clean CSV extract.</summary>
public sealed class CsvRowCountTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"csv-row-count-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData("id,town_name\n1,岳阳街道\n2,永丰街道\n3,方松街道\n", 3L)]
    [InlineData("id,town_name\n1,岳阳街道\n2,永丰街道\n3,方松街道", 3L)]
    [InlineData("id,town_name\r\n1,岳阳街道\r\n2,永丰街道\r\n3,方松街道\r\n", 3L)]
    [InlineData("id,town_name\n", 0L)]
    [InlineData("id,town_name", 0L)]
    public void Counts_the_data_rows_below_the_header(string text, long rows)
    {
        File.WriteAllText(_path, text, new UTF8Encoding(false));
        Assert.Equal(rows, CsvRowCount.Count(_path));
    }

    [Fact]
    public void A_file_with_a_quote_is_left_to_the_parser_since_a_quoted_field_may_hold_a_line_break()
    {
        File.WriteAllText(_path, "id,note\n1,\"第一行\n第二行\"\n", new UTF8Encoding(false));
        Assert.Null(CsvRowCount.Count(_path));
    }

    [Fact]
    public void Counts_a_GB18030_file_by_its_line_breaks_too()
    {
        File.WriteAllBytes(_path, Support.CodePages.Gb18030.GetBytes("id,town_name\n1,岳阳街道\n2,泗泾镇\n"));
        Assert.Equal(2L, CsvRowCount.Count(_path));
    }
}
