using DuckDB.NET.Data;
using DuckDB.NET.Native;
using System.Text;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class ScalarFunctionTests : DuckDbTestBase
{
    private static int Reverse(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var text = Encoding.UTF8.GetString(input);
        var reversed = new string(text.Reverse().ToArray());
        return Encoding.UTF8.GetBytes(reversed, output);
    }

    private long Count(string sql) => Convert.ToInt64(Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_function_registered_after_another_query_is_visible_and_callable()
    {
        Assert.Equal(0, Count("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'reverse_text'"));
        Connection.RegisterFunctionIfAbsent("reverse_text", 64, Reverse);
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT reverse_text('岳阳街道')";
        Assert.Equal("道街阳岳", command.ExecuteScalar());
    }

    [Fact]
    public void A_function_runs_over_many_chunks_and_keeps_nulls()
    {
        Connection.RegisterFunctionIfAbsent("reverse_text", 64, Reverse);
        Assert.Equal(10_000, Count("SELECT count(*) FROM range(10000) t(i) WHERE reverse_text(reverse_text(i::VARCHAR)) = i::VARCHAR"));
        Assert.Equal(1, Count("SELECT count(*) FROM (SELECT reverse_text(NULL::VARCHAR) v) WHERE v IS NULL"));
    }

    [Fact]
    public void A_function_returning_minus_one_gives_null()
    {
        Connection.RegisterFunctionIfAbsent("null_if_empty", 64, (input, output) => input.IsEmpty ? -1 : Reverse(input, output));
        Assert.Equal(1, Count("SELECT count(*) FROM (SELECT null_if_empty('') v) WHERE v IS NULL"));
    }

    [Fact]
    public void An_exception_in_the_function_becomes_the_query_error()
    {
        Connection.RegisterFunctionIfAbsent("always_fails", 8, (_, _) => throw new InvalidOperationException("坏数据 bad value"));
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT always_fails('x')";
        var error = Assert.Throws<DuckDBException>(() => command.ExecuteScalar());
        Assert.Contains("坏数据 bad value", error.Message);
        Assert.Equal(1, Count("SELECT 1"));
    }

    [Fact]
    public void A_function_is_shared_by_the_connections_of_one_database()
    {
        var path = TempDatabasePath();
        using var first = new DuckDBConnection($"Data Source={path}");
        first.Open();
        first.RegisterFunctionIfAbsent("reverse_text", 64, Reverse);
        using var second = new DuckDBConnection($"Data Source={path}");
        second.Open();
        using var command = second.CreateCommand();
        command.CommandText = "SELECT reverse_text('abc')";
        Assert.Equal("cba", command.ExecuteScalar());
    }

    [Fact]
    public void Register_if_absent_registers_once_per_database_and_again_after_a_rolled_back_registration()
    {
        var path = TempDatabasePath();
        using var first = new DuckDBConnection($"Data Source={path}");
        first.Open();
        using (var transaction = first.BeginTransaction())
        {
            Assert.True(first.RegisterFunctionIfAbsent("reverse_text", 64, Reverse));
            Assert.False(first.RegisterFunctionIfAbsent("reverse_text", 64, Reverse));
            transaction.Rollback();
        }

        // The rollback took the registration with it; the next call must not trust an earlier answer.
        using var second = new DuckDBConnection($"Data Source={path}");
        second.Open();
        Assert.True(second.RegisterFunctionIfAbsent("reverse_text", 64, Reverse));
        Assert.False(first.RegisterFunctionIfAbsent("REVERSE_TEXT", 64, Reverse));
        using var command = first.CreateCommand();
        command.CommandText = "SELECT reverse_text('街镇')";
        Assert.Equal("镇街", command.ExecuteScalar());
    }

    [Fact]
    public void An_output_size_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Connection.RegisterFunctionIfAbsent("too_big", 4096, Reverse));
    }
}
