using DuckDB.NET.Data;
using DuckDB.NET.Native;
using System.Numerics;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class AppenderTests : DuckDbTestBase
{
    private const string AllTypesTable = """
        CREATE TABLE all_types (
          b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, i64 BIGINT,
          u8 UTINYINT, u16 USMALLINT, u32 UINTEGER, u64 UBIGINT, h HUGEINT,
          f FLOAT, d DOUBLE, m DECIMAL(18,2), big DECIMAL(38,10), s VARCHAR, bl BLOB,
          dt DATE, ts TIMESTAMP, tz TIMESTAMPTZ, tm TIME, iv INTERVAL, id UUID)
        """;

    [Fact]
    public void Appender_writes_every_supported_type()
    {
        Execute(AllTypesTable);
        var guid = Guid.Parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        var timestamp = new DateTime(1969, 7, 20, 20, 17, 40).AddTicks(10);
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        using (var appender = Connection.CreateArrowAppender("all_types"))
        {
            appender.CreateRow()
                .Append(true).Append((sbyte)-128).Append((short)32767).Append(int.MinValue).Append(long.MaxValue)
                .Append((byte)255).Append((ushort)65535).Append(uint.MaxValue).Append(ulong.MaxValue).Append(-BigInteger.Pow(2, 127))
                .Append(1.5f).Append(-0.1).Append(12345.67m).Append(-1234567890.0123456789m).Append("岳阳街道 😀").Append(new byte[] { 0, 1, 0 })
                .Append(new DateOnly(1900, 1, 1)).Append(timestamp).Append(utc).Append(new TimeOnly(23, 59, 59)).Append(new DuckDbInterval(1, 2, 3)).Append(guid)
                .EndRow();
            appender.Close();
        }

        Assert.Equal(guid.ToString(), Single<string>("SELECT id::VARCHAR FROM all_types"));
        using var reader = new DuckDBCommand("SELECT * FROM all_types", Connection).ExecuteReader();
        Assert.True(reader.Read());
        var expected = new object?[]
        {
            true, (sbyte)-128, (short)32767, int.MinValue, long.MaxValue,
            (byte)255, (ushort)65535, uint.MaxValue, ulong.MaxValue, -BigInteger.Pow(2, 127),
            1.5f, -0.1, 12345.67m, -1234567890.0123456789m, "岳阳街道 😀", null,
            new DateOnly(1900, 1, 1), timestamp, null, new TimeOnly(23, 59, 59), null, guid,
        };
        for (var i = 0; i < expected.Length; i++)
        {
            // DuckDB.NET reads a BLOB as a stream, TIMESTAMPTZ in local time and an INTERVAL with months not at all: DuckDB's text below.
            if (expected[i] is not null)
            {
                Assert.Equal(expected[i], reader.GetValue(i));
            }
        }

        Assert.Equal(@"\x00\x01\x00", Single<string>("SELECT bl::VARCHAR FROM all_types"));
        Assert.Equal("2024-01-02 03:04:05", Single<string>("SELECT strftime(tz AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') FROM all_types"));
        Assert.Equal("1 month 2 days 00:00:00.000003", Single<string>("SELECT iv::VARCHAR FROM all_types"));

        Assert.False(reader.Read());
    }

    [Fact]
    public void Appender_writes_nulls_into_every_column()
    {
        Execute(AllTypesTable);
        using (var appender = Connection.CreateArrowAppender("all_types"))
        {
            var row = appender.CreateRow();
            for (var i = 0; i < 22; i++)
            {
                row.AppendNull();
            }

            row.EndRow();
            appender.CreateRow().AppendValue(DBNull.Value).AppendValue(null).Append((string?)null).AppendNull().Append(1L)
                .AppendNull().AppendNull().AppendNull().AppendNull().AppendNull().AppendNull().AppendNull().AppendNull().AppendNull()
                .Append((string?)null).Append((byte[]?)null).AppendNull().AppendNull().AppendNull().AppendNull().AppendNull().AppendNull().EndRow();
        }

        Assert.Equal(2L, Single<long>("SELECT count(*) FROM all_types"));
        Assert.Equal(0L, Single<long>("SELECT count(b) + count(s) + count(bl) + count(id) + count(m) + count(h) FROM all_types"));
        Assert.Equal(1L, Single<long>("SELECT count(i64) FROM all_types"));
    }

    [Fact]
    public void Appender_writes_thousands_of_rows_across_chunks()
    {
        Execute("CREATE TABLE big (id BIGINT, label VARCHAR, amount DECIMAL(18,2))");
        const int rows = 5000;
        using (var appender = Connection.CreateArrowAppender("big"))
        {
            for (var i = 0; i < rows; i++)
            {
                var row = appender.CreateRow().Append((long)i);
                if (i % 7 == 0)
                {
                    row.AppendNull();
                }
                else
                {
                    row.Append($"label number {i} which is longer than twelve bytes");
                }

                row.Append(i / 100m).EndRow();
            }

            Assert.Equal(rows, appender.RowsAppended);
        }

        Assert.Equal((long)rows, Single<long>("SELECT count(*) FROM big"));
        Assert.Equal(12497500L, Single<long>("SELECT sum(id)::BIGINT FROM big"));
        Assert.Equal(124975.00m, Single<decimal>("SELECT sum(amount) FROM big"));
        Assert.Equal(715L, Single<long>("SELECT count(*) FROM big WHERE label IS NULL"));
        Assert.Equal("label number 4999 which is longer than twelve bytes", Single<string>("SELECT label FROM big WHERE id = 4999"));
        Assert.Equal("label number 2049 which is longer than twelve bytes", Single<string>("SELECT label FROM big WHERE id = 2049"));
    }

    [Fact]
    public void Appender_refuses_too_few_values_in_a_row()
    {
        Execute("CREATE TABLE t (a INTEGER, b INTEGER)");
        using var appender = Connection.CreateArrowAppender("t");
        var error = Assert.Throws<InvalidOperationException>(() => appender.CreateRow().Append(1).EndRow());
        Assert.Equal("The row has 1 values but table t has 2 columns.", error.Message);
        appender.CreateRow().Append(1).Append(2).EndRow();
        appender.Close();
        Assert.Equal(1L, Single<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Appender_refuses_too_many_values_in_a_row()
    {
        Execute("CREATE TABLE t (a INTEGER)");
        using var appender = Connection.CreateArrowAppender("t");
        var error = Assert.Throws<InvalidOperationException>(() => appender.CreateRow().Append(1).Append(2));
        Assert.Equal("Too many values: table t has 1 columns.", error.Message);
    }

    [Fact]
    public void Appender_type_mismatch_names_the_column()
    {
        Execute("CREATE TABLE t (id INTEGER, created DATE)");
        using var appender = Connection.CreateArrowAppender("t");
        var error = Assert.Throws<InvalidCastException>(() => appender.CreateRow().Append(1).Append("yesterday"));
        Assert.Equal("Column created is DATE; a String value cannot be appended to it.", error.Message);
    }

    [Fact]
    public void Appender_overflow_names_the_column_and_value()
    {
        Execute("CREATE TABLE t (small TINYINT, money DECIMAL(4,1))");
        using var appender = Connection.CreateArrowAppender("t");
        var error = Assert.Throws<OverflowException>(() => appender.CreateRow().Append(300));
        Assert.Equal("The value 300 does not fit column small (TINYINT).", error.Message);
        var decimalError = Assert.Throws<OverflowException>(() => appender.CreateRow().Append(1).Append(12345.6m));
        Assert.Equal("The value does not fit column money (DECIMAL(4,1)).", decimalError.Message);
        var scaleError = Assert.Throws<OverflowException>(() => appender.CreateRow().Append(1).Append(1.25m));
        Assert.Equal("Column money (DECIMAL(4,1)) cannot hold 1.25 exactly.", scaleError.Message);
        var bigError = Assert.Throws<OverflowException>(() => appender.CreateRow().Append(System.Numerics.BigInteger.Pow(2, 64)));
        Assert.Equal("The value 18446744073709551616 does not fit column small (TINYINT).", bigError.Message);
        appender.CreateRow().Append(-5).Append(-999.9m).EndRow();
        appender.Close();
        Assert.Equal(-999.9m, Single<decimal>("SELECT money FROM t WHERE small = -5"));
        Assert.Equal(1L, Single<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_row_whose_value_failed_cannot_be_ended_and_is_not_stored()
    {
        Execute("CREATE TABLE t (a INTEGER, b TINYINT)");
        using var appender = Connection.CreateArrowAppender("t");
        var row = appender.CreateRow().Append(1);
        Assert.Throws<OverflowException>(() => row.Append(1000));
        var error = Assert.Throws<InvalidOperationException>(() => row.EndRow());
        Assert.Equal("No row of t is open: call CreateRow first (a row with a value that failed is abandoned).", error.Message);
        Assert.Throws<InvalidOperationException>(() => row.Append(5));
        appender.CreateRow().Append(2).Append(20).EndRow();
        appender.Close();
        Assert.Equal("2:20", Single<string>("SELECT string_agg(a || ':' || b, ',') FROM t"));
    }

    [Fact]
    public void Appender_continues_cleanly_after_a_rejected_row()
    {
        Execute("CREATE TABLE t (a INTEGER, b VARCHAR)");
        using (var appender = Connection.CreateArrowAppender("t"))
        {
            Assert.Throws<InvalidCastException>(() => appender.CreateRow().AppendNull().Append(new DateOnly(2020, 1, 1)));
            appender.CreateRow().Append(7).Append("kept").EndRow();
        }

        using var reader = new DuckDBCommand("SELECT a, b FROM t", Connection).ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(7, reader.GetValue(0));
        Assert.Equal("kept", reader.GetValue(1));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Appender_primary_key_violation_surfaces_as_DuckDbException()
    {
        Execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Execute("INSERT INTO t VALUES (1)");
        var appender = Connection.CreateArrowAppender("t");
        appender.CreateRow().Append(2).EndRow();
        appender.CreateRow().Append(1).EndRow();
        var error = Assert.Throws<DuckDBException>(() => appender.Close());
        Assert.Contains("Duplicate key \"id: 1\"", error.Message);
        Assert.Contains("primary key", error.Message);
        appender.Dispose();
        Assert.Equal(1L, Single<long>("SELECT count(*) FROM t"));
        Assert.Equal(1, Single<int>("SELECT max(id) FROM t"));
    }

    [Fact]
    public void Appender_failure_inside_a_rolled_back_transaction_leaves_the_table_unchanged()
    {
        Execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Execute("INSERT INTO t VALUES (1)");
        using (var transaction = Connection.BeginTransaction())
        {
            using (var first = Connection.CreateArrowAppender("t"))
            {
                first.CreateRow().Append(2).EndRow();
            }

            var second = Connection.CreateArrowAppender("t");
            second.CreateRow().Append(3).EndRow();
            second.CreateRow().Append(1).EndRow();
            Assert.Throws<DuckDBException>(() => second.Close());
            second.Dispose();
            transaction.Rollback();
        }

        Assert.Equal([1], ReadInts("SELECT id FROM t ORDER BY id"));
    }

    [Fact]
    public void Appended_rows_commit_with_the_transaction()
    {
        Execute("CREATE TABLE t (id INTEGER)");
        using (var transaction = Connection.BeginTransaction())
        {
            using (var appender = Connection.CreateArrowAppender("t"))
            {
                appender.CreateRow().Append(1).EndRow();
            }

            transaction.Commit();
        }

        Assert.Equal([1], ReadInts("SELECT id FROM t"));
    }

    [Fact]
    public void Appender_for_a_missing_table_is_a_DuckDbException()
    {
        var error = Assert.Throws<DuckDBException>(() => Connection.CreateArrowAppender("nope"));
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public void Appender_writes_into_a_schema_qualified_table()
    {
        Execute("CREATE SCHEMA s; CREATE TABLE s.t (v VARCHAR)");
        using (var appender = Connection.CreateArrowAppender("s", "t"))
        {
            appender.CreateRow().Append("x").EndRow();
        }

        Assert.Equal("x", Single<string>("SELECT v FROM s.t"));
    }

    [Fact]
    public void Appender_refuses_a_table_with_an_unsupported_column_type()
    {
        Execute("CREATE TABLE t (id INTEGER, tags VARCHAR[])");
        var error = Assert.Throws<NotSupportedException>(() => Connection.CreateArrowAppender("t"));
        Assert.Equal("The appender cannot write column tags of type VARCHAR[]; insert it with SQL instead.", error.Message);
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM t"));
    }



    private List<int> ReadInts(string sql)
    {
        using var reader = new DuckDBCommand(sql, Connection).ExecuteReader();
        var values = new List<int>();
        while (reader.Read())
        {
            values.Add(reader.GetInt32(0));
        }

        return values;
    }
}
