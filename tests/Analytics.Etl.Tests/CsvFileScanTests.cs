using System.Globalization;
using System.Text;
using Analytics.Etl.Loading;

namespace Analytics.Etl.Tests;

/// <summary>The one pass over a clean CSV extract that gives the fast path its row count, edge spaces and key proof.</summary>
public sealed class CsvFileScanTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"csv-file-scan-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    private CsvFileFacts? Scan(string text, int? keyField = 0)
    {
        File.WriteAllText(_path, text, new UTF8Encoding(false));
        return CsvFileScan.Scan(_path, keyField);
    }

    [Theory]
    [InlineData("id,town_name\n1,岳阳街道\n2,永丰街道\n3,方松街道\n", 3L)]
    [InlineData("id,town_name\n1,岳阳街道\n2,永丰街道\n3,方松街道", 3L)]
    [InlineData("id,town_name\r\n1,岳阳街道\r\n2,永丰街道\r\n3,方松街道\r\n", 3L)]
    [InlineData("id,town_name\n", 0L)]
    [InlineData("id,town_name", 0L)]
    public void Counts_the_data_rows_below_the_header_with_or_without_a_key(string text, long rows)
    {
        Assert.Equal(rows, Scan(text)!.DataRows);
        Assert.Equal(rows, Scan(text, keyField: null)!.DataRows);
    }

    [Fact]
    public void A_file_with_a_quote_is_left_to_the_parser_since_a_quoted_field_may_hold_a_line_break()
    {
        Assert.Null(Scan("id,note\n1,\"第一行\n第二行\"\n"));
    }

    [Fact]
    public void Counts_a_GB18030_file_by_its_line_breaks_too()
    {
        File.WriteAllBytes(_path, Support.CodePages.Gb18030.GetBytes("id,town_name\n1,岳阳街道\n2,泗泾镇\n"));
        Assert.Equal(2L, CsvFileScan.Scan(_path, 0)!.DataRows);
    }

    [Theory]
    [InlineData("id,name\n1,张 三\n2,李四\n", false)]
    [InlineData("id,name\n1, 张三\n", true)]
    [InlineData("id,name\n1,张三 \n", true)]
    [InlineData("id,name\r\n1,张三 \r\n", true)]
    [InlineData("id,name\n 1,张三\n", true)]
    [InlineData("id,name\n1 ,张三\n", true)]
    [InlineData("id,name\n1,张三 ", true)]
    [InlineData(" id,name\n1,张三\n", true)]
    public void Finds_a_field_that_begins_or_ends_with_a_space(string text, bool edgeSpaces)
    {
        Assert.Equal(edgeSpaces, Scan(text)!.HasEdgeSpaces);
    }

    [Theory]
    [InlineData(1_048_575, " ,")]
    [InlineData(1_048_576, ", ")]
    [InlineData(1_048_575, "\n ")]
    public void Finds_an_edge_space_where_one_read_block_ends_and_the_next_begins(int offset, string pair)
    {
        var bytes = Encoding.ASCII.GetBytes("id,name\n" + string.Concat(Enumerable.Range(0, 120_000).Select(i => $"{i:D7},x\n")));
        Assert.False(CsvFileScanOf(bytes).HasEdgeSpaces);
        // Overwrite two bytes of a line so that the pair straddles the 1 MiB block boundary.
        Encoding.ASCII.GetBytes(pair).CopyTo(bytes, offset - (pair == " ," ? 0 : 1));
        Assert.True(CsvFileScanOf(bytes).HasEdgeSpaces);
    }

    private CsvFileFacts CsvFileScanOf(byte[] bytes)
    {
        File.WriteAllBytes(_path, bytes);
        return CsvFileScan.Scan(_path, null)!;
    }

    [Theory]
    [InlineData("id,v\n1,a\n2,b\n3,c\n", true)]
    [InlineData("id,v\n1,a\n2,b\n2,c\n", false)]
    [InlineData("id,v\n5,a\n6,b\n1,c\n2,d\n", true)]
    [InlineData("id,v\n1,a\n5,b\n3,c\n6,d\n", false)]
    [InlineData("id,v\n1,a\n,b\n3,c\n", false)]
    [InlineData("id,v\n1,a\n2\n", true)]
    [InlineData("id,v\n", true)]
    public void Proves_a_first_column_key_distinct_only_when_it_ascends_in_runs_that_do_not_overlap(string text, bool distinct)
    {
        Assert.Equal(distinct, Scan(text)!.KeysDistinct);
    }

    [Theory]
    [InlineData("v,id\na,1\r\nb,2\r\nc,3\r\n", true)]
    [InlineData("v,id\na,1\r\nb,1\r\n", false)]
    [InlineData("v,id\na,1\nb\n", false)]
    public void Reads_a_later_key_column_and_ignores_the_carriage_return_after_it(string text, bool distinct)
    {
        Assert.Equal(distinct, Scan(text, keyField: 1)!.KeysDistinct);
    }

    [Theory]
    [InlineData(CsvKeyOrder.MaxRuns, true)]
    [InlineData(CsvKeyOrder.MaxRuns + 1, false)]
    public void Gives_up_the_proof_after_too_many_runs(int runs, bool distinct)
    {
        // Blocks of two ascending keys, each block below the one before: disjoint runs, one per block.
        var lines = Enumerable.Range(0, runs).Reverse().SelectMany(k => new[] { $"{10 * k:D6},x", $"{10 * k + 1:D6},x" });
        Assert.Equal(distinct, Scan("id,v\n" + string.Join("\n", lines) + "\n")!.KeysDistinct);
    }

    [Fact]
    public void Finds_a_repeated_key_far_apart_across_read_blocks()
    {
        var first = Enumerable.Range(0, 100_000).Select(i => $"{i:D8},第一段");
        var second = Enumerable.Range(99_999, 50_000).Select(i => $"{i:D8},第二段");
        Assert.False(Scan("id,v\n" + string.Join("\n", first.Concat(second)) + "\n")!.KeysDistinct);
        var disjoint = Enumerable.Range(100_000, 50_000).Select(i => $"{i:D8},第二段");
        var facts = Scan("id,v\n" + string.Join("\n", disjoint.Concat(first)) + "\n")!;
        Assert.True(facts.KeysDistinct);
        Assert.Equal(150_000L, facts.DataRows);
    }

    [Theory]
    [InlineData(-1, true, false)]
    [InlineData(0, false, false)]
    [InlineData(1, true, true)]
    public void A_file_read_in_parallel_ranges_is_judged_as_one(int change, bool distinct, bool edgeSpaces)
    {
        // 44 MB: above the size from which ranges of the file are read at once, one per core.
        const int rows = 1_100_000;
        var text = new StringBuilder("id,v\n", rows * 41);
        for (var i = 0; i < rows; i++)
        {
            var key = change == 0 && i == rows - 1 ? 0 : i;
            var space = change == 1 && i == rows / 2 ? " " : "";
            text.Append(CultureInfo.InvariantCulture, $"{key:D12},{space}abcdefghijklmnopqrstuvwxyz\n");
        }

        var facts = Scan(text.ToString())!;

        Assert.Equal(rows, facts.DataRows);
        Assert.Equal(distinct, facts.KeysDistinct);
        Assert.Equal(edgeSpaces, facts.HasEdgeSpaces);
    }
}
