using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class NullTests : DuckDbTestBase
{
    public static TheoryData<string> Types =>
    [
        "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
        "HUGEINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL(4,1)", "DECIMAL(9,4)", "DECIMAL(18,2)", "DECIMAL(38,10)",
        "VARCHAR", "BLOB", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS",
        "TIMESTAMP WITH TIME ZONE", "TIME WITH TIME ZONE", "INTERVAL", "UUID", "INTEGER[]", "VARCHAR[2]",
        "STRUCT(a INTEGER)", "MAP(VARCHAR, INTEGER)", "UNION(a INTEGER, b VARCHAR)", "BIT",
    ];

    [Theory]
    [MemberData(nameof(Types))]
    public void Null_of_every_type_reads_as_DBNull(string type)
    {
        using var reader = new DuckDbCommand($"SELECT NULL::{type} AS v", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0));
        Assert.Same(DBNull.Value, reader.GetValue(0));
        Assert.Same(DBNull.Value, reader[0]);
        Assert.Null(reader.GetFieldValue<int?>(0));
        Assert.Null(reader.GetFieldValue<string?>(0));
        Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<int>(0));
        Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));
    }

    [Fact]
    public void Untyped_null_reads_as_DBNull()
    {
        Assert.Same(DBNull.Value, Scalar("SELECT NULL"));
    }

    [Fact]
    public void Bound_nulls_arrive_as_sql_null()
    {
        Assert.True(Single<bool>("SELECT $1::INTEGER IS NULL", (object?)null));
        Assert.True(Single<bool>("SELECT $1::VARCHAR IS NULL", DBNull.Value));
    }

    [Fact]
    public void Nulls_and_values_interleave_across_chunk_boundaries()
    {
        using var reader = new DuckDbCommand("SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END FROM range(5000) t(i) ORDER BY i", Connection).ExecuteReader();
        var row = 0L;
        while (reader.Read())
        {
            Assert.Equal(row % 3 == 0, reader.IsDBNull(0));
            if (row % 3 != 0)
            {
                Assert.Equal(row, reader.GetInt64(0));
            }

            row++;
        }

        Assert.Equal(5000, row);
    }
}
