using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class TextPrefixTests : DuckDbTestBase
{
    [Fact]
    public void A_long_varchar_gives_its_prefix_and_its_whole_byte_count()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT repeat('x', 5000000) AS v";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("xxxx", reader.GetTextPrefix(0, 4, out var bytes));
        Assert.Equal(5_000_000, bytes);
    }

    [Fact]
    public void The_prefix_never_cuts_a_character()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT '民政局' AS v, [1, 22, 333] AS l";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("民", reader.GetTextPrefix(0, 5, out var bytes));
        Assert.Equal(9, bytes);
        Assert.Equal("民政局", reader.GetTextPrefix(0, 9, out _));
        Assert.Equal("[1, 2", reader.GetTextPrefix(1, 5, out var listBytes));
        Assert.Equal(12, listBytes);
    }

    [Fact]
    public void A_long_blob_gives_its_prefix_and_its_whole_text_length()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT '\\x00ab'::BLOB || repeat('z', 3000000)::BLOB AS b";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("\\x00abz", reader.GetTextPrefix(0, 7, out var bytes));
        Assert.Equal(4 + 2 + 3_000_000, bytes);
    }
}
