using Analytics.DuckDb.Tests.Support;
using Dapper;

namespace Analytics.DuckDb.Tests;

public sealed class ErrorTests : DuckDbTestBase
{
    [Fact]
    public void Syntax_error_carries_DuckDBs_parser_message_and_the_connection_stays_usable()
    {
        var error = Assert.Throws<DuckDbException>(() => Execute("SELEC 1"));
        Assert.Contains("Parser Error", error.Message);
        Assert.Contains("syntax error", error.Message);
        Assert.Equal(1, Single<int>("SELECT 1"));
    }

    [Fact]
    public void Unknown_table_is_a_catalog_error()
    {
        var error = Assert.Throws<DuckDbException>(() => Scalar("SELECT * FROM no_such_table"));
        Assert.Contains("Catalog Error", error.Message);
        Assert.Contains("no_such_table", error.Message);
        Assert.Equal(2, Single<int>("SELECT 2"));
    }

    [Fact]
    public void Type_errors_are_reported_by_DuckDB()
    {
        var conversion = Assert.Throws<DuckDbException>(() => Scalar("SELECT 'abc'::INTEGER"));
        Assert.Contains("Conversion Error", conversion.Message);
        var binder = Assert.Throws<DuckDbException>(() => Scalar("SELECT sqrt(DATE '2020-01-01')"));
        Assert.Contains("Binder Error", binder.Message);
        var overflow = Assert.Throws<DuckDbException>(() => Scalar("SELECT 2147483647::INTEGER + 1::INTEGER"));
        Assert.Contains("Out of Range Error", overflow.Message);
        Assert.Equal(3, Single<int>("SELECT 3"));
    }

    [Fact]
    public void Runtime_errors_during_streaming_surface_as_DuckDbException()
    {
        var error = Assert.Throws<DuckDbException>(() => Scalar("SELECT CASE WHEN i = 4000 THEN error('boom at 4000') ELSE i END FROM range(5000) t(i)"));
        Assert.Contains("boom at 4000", error.Message);
        Assert.Equal(4, Single<int>("SELECT 4"));
    }

    [Fact]
    public void Errors_while_reading_later_chunks_surface_from_Read()
    {
        using var command = new DuckDbCommand("SELECT CASE WHEN i = 1000000 THEN error('late failure') ELSE i END FROM range(2000000) t(i)", Connection);
        var error = Assert.Throws<DuckDbException>(() =>
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
            }
        });
        Assert.Contains("late failure", error.Message);
        Assert.Equal(5, Single<int>("SELECT 5"));
    }

    [Fact]
    public void A_failed_statement_inside_a_transaction_aborts_it_until_rollback()
    {
        Execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        using var transaction = Connection.BeginTransaction();
        Execute("INSERT INTO t VALUES (1)");
        var error = Assert.Throws<DuckDbException>(() => Execute("INSERT INTO t VALUES (1)"));
        Assert.Contains("Constraint Error", error.Message);
        transaction.Rollback();
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void Multi_statement_text_runs_every_statement_and_returns_the_last_result()
    {
        using var command = new DuckDbCommand("CREATE TABLE t (i INTEGER); INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (3); SELECT sum(i)::INTEGER AS total FROM t", Connection);
        using var reader = command.ExecuteReader();
        Assert.Equal("total", reader.GetName(0));
        Assert.True(reader.Read());
        Assert.Equal(6, reader.GetInt32(0));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Multi_statement_non_query_counts_changed_rows_of_every_statement()
    {
        Execute("CREATE TABLE t (i INTEGER)");
        Assert.Equal(3, Execute("INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (3)"));
        Assert.Equal(2, Execute("UPDATE t SET i = i + 1 WHERE i < 3"));
        Assert.Equal(-1, Execute("CREATE TABLE u (i INTEGER)"));
    }

    [Fact]
    public void An_error_in_a_later_statement_stops_the_command_after_the_earlier_ones_ran()
    {
        Execute("CREATE TABLE t (i INTEGER)");
        var error = Assert.Throws<DuckDbException>(() => Execute("INSERT INTO t VALUES (1); SELECT * FROM missing; INSERT INTO t VALUES (2)"));
        Assert.Contains("missing", error.Message);
        Assert.Equal([1], Connection.Query<int>("SELECT i FROM t"));
    }

    [Fact]
    public void Empty_statement_text_is_reported()
    {
        Assert.Equal("The command text contains no SQL statement.", Assert.Throws<DuckDbException>(() => Execute(";")).Message);
        Assert.Equal("The command text contains no SQL statement.", Assert.Throws<DuckDbException>(() => Execute("-- only a comment")).Message);
        Assert.Equal(6, Single<int>("SELECT 6"));
    }

    [Fact]
    public void ExecuteScalar_of_a_statement_without_rows_is_null()
    {
        Assert.Null(Scalar("CREATE TABLE t (i INTEGER)"));
        Assert.Null(Scalar("SELECT i FROM t"));
    }

    [Fact]
    public void Opening_a_file_in_a_missing_directory_gives_DuckDBs_error_and_stays_closed()
    {
        using var connection = new DuckDbConnection($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.duckdb")}");
        var error = Assert.Throws<DuckDbException>(() => connection.Open());
        Assert.Contains("IO Error", error.Message);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void RecordsAffected_reports_inserted_rows_through_a_reader()
    {
        Execute("CREATE TABLE t (i INTEGER)");
        using var reader = new DuckDbCommand("INSERT INTO t SELECT * FROM range(10)", Connection).ExecuteReader();
        Assert.Equal(10, reader.RecordsAffected);
    }
}
