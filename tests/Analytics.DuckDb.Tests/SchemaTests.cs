using System.Data;
using System.Data.Common;
using System.Numerics;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class SchemaTests : DuckDbTestBase
{
    [Fact]
    public void GetSchemaTable_describes_every_column()
    {
        using var reader = new DuckDbCommand("SELECT 1::INTEGER AS id, 'x' AS name, 1.25::DECIMAL(9,2) AS amount, 1::HUGEINT AS big, DATE '2024-01-01' AS day", Connection).ExecuteReader();
        var schema = reader.GetSchemaTable();
        Assert.Equal(5, schema.Rows.Count);
        Assert.Equal(["id", "name", "amount", "big", "day"], schema.Rows.Cast<DataRow>().Select(r => (string)r[SchemaTableColumn.ColumnName]));
        Assert.Equal([0, 1, 2, 3, 4], schema.Rows.Cast<DataRow>().Select(r => (int)r[SchemaTableColumn.ColumnOrdinal]));
        Assert.Equal([typeof(int), typeof(string), typeof(decimal), typeof(BigInteger), typeof(DateOnly)],
            schema.Rows.Cast<DataRow>().Select(r => (Type)r[SchemaTableColumn.DataType]));
        Assert.Equal(["INTEGER", "VARCHAR", "DECIMAL(9,2)", "HUGEINT", "DATE"], schema.Rows.Cast<DataRow>().Select(r => (string)r["DataTypeName"]));
        Assert.Equal((short)9, schema.Rows[2][SchemaTableColumn.NumericPrecision]);
        Assert.Equal((short)2, schema.Rows[2][SchemaTableColumn.NumericScale]);
        Assert.Same(DBNull.Value, schema.Rows[0][SchemaTableColumn.NumericPrecision]);
        Assert.True((bool)schema.Rows[1][SchemaTableColumn.IsLong]);
    }

    [Fact]
    public void Field_metadata_is_available_before_the_first_read()
    {
        using var reader = new DuckDbCommand("SELECT 1 AS One, 'a' AS Two", Connection).ExecuteReader();
        Assert.Equal(2, reader.FieldCount);
        Assert.Equal("One", reader.GetName(0));
        Assert.Equal(1, reader.GetOrdinal("two"));
        Assert.Equal(typeof(int), reader.GetFieldType(0));
        Assert.Equal("VARCHAR", reader.GetDataTypeName(1));
        Assert.True(reader.HasRows);
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetOrdinal("three"));
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetName(2));
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    [Fact]
    public void Empty_result_has_no_rows_but_keeps_its_columns()
    {
        using var reader = new DuckDbCommand("SELECT 1 AS a WHERE false", Connection).ExecuteReader();
        Assert.False(reader.HasRows);
        Assert.Equal(1, reader.FieldCount);
        Assert.False(reader.Read());
        Assert.False(reader.Read());
    }

    [Fact]
    public void Rows_after_many_filtered_out_chunks_are_all_read()
    {
        using var reader = new DuckDbCommand("SELECT i FROM range(10000000) t(i) WHERE i >= 9999998 ORDER BY i", Connection).ExecuteReader();
        Assert.True(reader.HasRows);
        Assert.True(reader.Read());
        Assert.Equal(9999998L, reader.GetInt64(0));
        Assert.True(reader.Read());
        Assert.Equal(9999999L, reader.GetInt64(0));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Unordered_sparse_results_stream_every_row()
    {
        using var reader = new DuckDbCommand("SELECT i FROM range(10000000) t(i) WHERE i % 1000000 = 999999", Connection).ExecuteReader();
        var values = new List<long>();
        while (reader.Read())
        {
            values.Add(reader.GetInt64(0));
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(k => k * 1000000L + 999999), values.Order());
    }

    [Fact]
    public void Table_column_types_report_through_GetFieldType_and_GetValues()
    {
        Execute("CREATE TABLE t (id BIGINT, name VARCHAR, happened TIMESTAMP, ok BOOLEAN)");
        Execute("INSERT INTO t VALUES (1, 'a', '2020-01-01 00:00:00', true)");
        using var reader = new DuckDbCommand("SELECT * FROM t", Connection).ExecuteReader();
        Assert.Equal([typeof(long), typeof(string), typeof(DateTime), typeof(bool)], Enumerable.Range(0, 4).Select(reader.GetFieldType));
        Assert.True(reader.Read());
        var values = new object[4];
        Assert.Equal(4, reader.GetValues(values));
        Assert.Equal(new object[] { 1L, "a", new DateTime(2020, 1, 1), true }, values);
        Assert.Equal("a", reader["name"]);
    }

    [Fact]
    public void ServerVersion_is_the_native_library_version()
    {
        Assert.Equal("v1.5.6", Connection.ServerVersion);
        Assert.Equal(Connection.ServerVersion, Single<string>("SELECT version()"));
    }
}
