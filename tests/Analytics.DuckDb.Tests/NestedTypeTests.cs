using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class NestedTypeTests : DuckDbTestBase
{
    [Fact]
    public void List_of_integers_reads_as_a_list_of_ints()
    {
        var list = Single<List<object?>>("SELECT [1, 2, 3]");
        Assert.Equal(new object?[] { 1, 2, 3 }, list);
    }

    [Fact]
    public void List_with_null_elements_keeps_the_nulls()
    {
        Assert.Equal(new object?[] { "a", null, "岳阳街道" }, Single<List<object?>>("SELECT ['a', NULL, '岳阳街道']"));
    }

    [Fact]
    public void Empty_list_reads_as_an_empty_list()
    {
        using var reader = new DuckDbCommand("SELECT []::INTEGER[]", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("INTEGER[]", reader.GetDataTypeName(0));
        Assert.Equal(typeof(List<object?>), reader.GetFieldType(0));
        Assert.Empty((List<object?>)reader.GetValue(0));
    }

    [Fact]
    public void Nested_list_reads_as_lists_of_lists()
    {
        var list = Single<List<object?>>("SELECT [[1, 2], [], NULL, [3]]");
        Assert.Equal(4, list.Count);
        Assert.Equal(new object?[] { 1, 2 }, (List<object?>)list[0]!);
        Assert.Empty((List<object?>)list[1]!);
        Assert.Null(list[2]);
        Assert.Equal(new object?[] { 3 }, (List<object?>)list[3]!);
    }

    [Fact]
    public void List_rows_across_chunks_read_their_own_elements()
    {
        using var reader = new DuckDbCommand("SELECT [i, i + 1] FROM range(5000) t(i) ORDER BY i", Connection).ExecuteReader();
        long row = 0;
        while (reader.Read())
        {
            Assert.Equal(new object?[] { row, row + 1 }, (List<object?>)reader.GetValue(0));
            row++;
        }

        Assert.Equal(5000, row);
    }

    [Theory]
    [InlineData("{'a': 1, 'b': 'x'}")]
    [InlineData("{'a': NULL, 'b': [1, 2], 'c': {'d': 'it''s'}}")]
    [InlineData("MAP {'k1': 1, 'k2': NULL}")]
    [InlineData("MAP {'x': [1], 'y': []}")]
    [InlineData("[1, 2, 3]::INTEGER[3]")]
    [InlineData("['a', 'b c', NULL, '']")]
    [InlineData("[{'a': 'x'}, NULL]")]
    [InlineData("union_value(num := 42)::UNION(num INTEGER, str VARCHAR)")]
    [InlineData("union_value(str := 'hello')::UNION(num INTEGER, str VARCHAR)")]
    [InlineData("[DATE '2024-01-02', NULL]")]
    [InlineData("{'t': TIMESTAMP '2024-01-02 03:04:05.5', 'd': 1.50::DECIMAL(9,2), 'b': true, 'u': '00000000-0000-0000-0000-000000000001'::UUID}")]
    [InlineData("{'f': 1.5::DOUBLE, 'g': 0.1::FLOAT, 'i': INTERVAL '1 day'}")]
    [InlineData("[1e40, 0.1, 1e-7, 123456789012345678, -0.0, 1e15, 1e16, 0.0001, 0.00001, 2.5]::DOUBLE[]")]
    [InlineData("{'x': 'nan'::DOUBLE, 'y': '-inf'::FLOAT, 'z': 3.4028235e38::FLOAT}")]
    [InlineData("['null', 'NULL', ' a', 'a ', 'x:y', 'a\\b', 'it''s', 'b c', '(p)', '岳阳街道']")]
    [InlineData("{'it''s': 1, 'a b': 2}")]
    [InlineData("MAP {'a b': 'c,d', '': NULL}")]
    [InlineData("{'b': 'a''b\"c'::BLOB, 'c': '\\x00\\x41\\x5C'::BLOB, 'd': 'x,y'::BLOB}")]
    [InlineData("[INTERVAL '-14 months 3 days', INTERVAL '100 hours 0.5 seconds', INTERVAL '0 seconds', INTERVAL '-1 day -1 second']")]
    [InlineData("[TIME '01:02:03.120000', TIME '00:00:00']")]
    [InlineData("{'ts': TIMESTAMPTZ '2024-01-02 03:04:05.5+00', 'h': 170141183460469231731687303715884105727::HUGEINT, 'e': 'x'::ENUM('x', 'y z')}")]
    [InlineData("[union_value(str := 'a,b')::UNION(num INTEGER, str VARCHAR)]")]
    [InlineData("TIMETZ '01:02:03.5+05:30'")]
    [InlineData("'101100'::BIT")]
    public void Nested_values_read_as_text_exactly_as_DuckDB_prints_them(string expression)
    {
        Execute("SET TimeZone = 'UTC'");
        var expected = DuckDbText(expression);
        using var reader = new DuckDbCommand($"SELECT {expression}", Connection).ExecuteReader();
        Assert.True(reader.Read());
        var actual = reader.GetFieldType(0) == typeof(string) ? reader.GetString(0) : reader.GetFieldValue<string>(0);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Struct_reads_as_text_with_quoted_field_names()
    {
        using var reader = new DuckDbCommand("SELECT {'a': 1, 'b': 'x'} AS s", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("STRUCT(a INTEGER, b VARCHAR)", reader.GetDataTypeName(0));
        Assert.Equal(typeof(string), reader.GetFieldType(0));
        Assert.Equal("{'a': 1, 'b': x}", reader.GetValue(0));
    }

    [Fact]
    public void Enum_reads_as_its_label()
    {
        Execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
        using var reader = new DuckDbCommand("SELECT 'happy'::mood, NULL::mood", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("happy", reader.GetValue(0));
        Assert.Equal("happy", reader.GetString(0));
        Assert.Equal(typeof(string), reader.GetFieldType(0));
        Assert.True(reader.IsDBNull(1));
    }

    [Fact]
    public void Array_reads_as_a_list_and_as_text()
    {
        using var reader = new DuckDbCommand("SELECT [1.5, 2.5]::DOUBLE[2]", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("DOUBLE[2]", reader.GetDataTypeName(0));
        Assert.Equal(new object?[] { 1.5, 2.5 }, (List<object?>)reader.GetValue(0));
        Assert.Equal("[1.5, 2.5]", reader.GetFieldValue<string>(0));
    }
}
