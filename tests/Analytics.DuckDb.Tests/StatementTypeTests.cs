using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class StatementTypeTests : DuckDbTestBase
{
    [Theory]
    [InlineData("SELECT 1", DuckDBStatementType.Select)]
    [InlineData("FROM range(3)", DuckDBStatementType.Select)]
    [InlineData("DESCRIBE SELECT 1 AS a", DuckDBStatementType.Select)]
    [InlineData("SHOW TABLES", DuckDBStatementType.Select)]
    [InlineData("SUMMARIZE SELECT 1 AS a", DuckDBStatementType.Select)]
    [InlineData("PRAGMA database_list", DuckDBStatementType.Select)]
    [InlineData("EXPLAIN SELECT 1", DuckDBStatementType.Explain)]
    [InlineData("COPY (SELECT 1) TO '/tmp/statement-type-never-written.csv'", DuckDBStatementType.Copy)]
    [InlineData("ATTACH '/tmp/statement-type-never-attached.db' AS x", DuckDBStatementType.Attach)]
    [InlineData("CREATE TABLE t (a INTEGER)", DuckDBStatementType.Create)]
    [InlineData("SET threads = 1", DuckDBStatementType.Set)]
    [InlineData("CALL pragma_version()", DuckDBStatementType.Call)]
    [InlineData("CHECKPOINT", DuckDBStatementType.Call)]
    public void StatementTypes_are_DuckDBs_own_and_nothing_runs(string sql, DuckDBStatementType expected)
    {
        Assert.Equal([expected], Connection.StatementTypes(sql));
        Assert.Equal(0, Single<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'"));
        Assert.Equal(1, Single<long>("SELECT count(*) FROM duckdb_databases() WHERE NOT internal"));
        Assert.False(File.Exists("/tmp/statement-type-never-written.csv"));
    }

    [Fact]
    public void Preparing_binds_so_EXPORT_DATABASE_already_creates_its_folder()
    {
        // Why a sandbox must check statement types only after it has turned external access off.
        var folder = Path.Combine(Path.GetTempPath(), $"statement-type-export-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal([DuckDBStatementType.Export], Connection.StatementTypes($"EXPORT DATABASE '{folder}'"));
            Assert.True(Directory.Exists(folder));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void StatementTypes_lists_every_statement_of_a_text()
    {
        Assert.Equal([DuckDBStatementType.Select, DuckDBStatementType.Select], Connection.StatementTypes("SELECT 1; SELECT 2"));
    }

    [Fact]
    public void StatementTypes_reports_a_binder_error()
    {
        var error = Assert.Throws<DuckDBException>(() => Connection.StatementTypes("SELECT * FROM no_such_table"));
        Assert.Contains("no_such_table", error.Message);
    }
}
