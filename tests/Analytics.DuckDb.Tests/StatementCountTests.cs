using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class StatementCountTests : DuckDbTestBase
{
    [Theory]
    [InlineData("SELECT 1", 1)]
    [InlineData("SELECT 1;", 1)]
    [InlineData("SELECT ';' AS semicolon -- ; comment", 1)]
    [InlineData("SELECT 1; SELECT 2", 2)]
    [InlineData("CREATE TABLE t AS SELECT 1; DROP TABLE t; SELECT 3", 3)]
    public void CountStatements_uses_DuckDBs_parser_and_runs_nothing(string sql, int expected)
    {
        Assert.Equal(expected, Connection.CountStatements(sql));
        Assert.Equal(0, Single<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'"));
    }

    [Fact]
    public void CountStatements_reports_a_parser_error()
    {
        var error = Assert.Throws<DuckDBException>(() => Connection.CountStatements("SELEC 1"));
        Assert.Contains("syntax error", error.Message);
    }
}
