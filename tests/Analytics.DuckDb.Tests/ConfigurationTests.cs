using System.Data;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class ConfigurationTests : DuckDbTestBase
{
    [Fact]
    public void ReadOnly_access_mode_refuses_writes_but_reads()
    {
        var path = TempDatabasePath();
        using (var writer = new DuckDbConnection($"Data Source={path}"))
        {
            writer.Open();
            Execute(writer, "CREATE TABLE t (i INTEGER); INSERT INTO t VALUES (7)");
        }

        using var reader = new DuckDbConnection($"Data Source={path};Access Mode=ReadOnly");
        reader.Open();
        Assert.Equal(7, Scalar(reader, "SELECT i FROM t"));
        var error = Assert.Throws<DuckDbException>(() => Execute(reader, "INSERT INTO t VALUES (8)"));
        Assert.Contains("read-only", error.Message);
        Assert.Throws<DuckDbException>(() => Execute(reader, "CREATE TABLE u (i INTEGER)"));
        Assert.Equal(1L, Scalar(reader, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void Config_options_from_the_connection_string_are_applied()
    {
        using var connection = new DuckDbConnection("Data Source=:memory:;threads=1;memory_limit=256MiB");
        connection.Open();
        Assert.Equal("1", Scalar(connection, "SELECT current_setting('threads')::VARCHAR"));
        Assert.Equal("256.0 MiB", Scalar(connection, "SELECT current_setting('memory_limit')"));
    }

    [Fact]
    public void Unknown_config_option_is_refused_clearly()
    {
        using var connection = new DuckDbConnection("Data Source=:memory:;no_such_option=1");
        var error = Assert.Throws<DuckDbException>(() => connection.Open());
        Assert.Contains("no_such_option", error.Message);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void Disabled_external_access_blocks_reading_a_csv_file()
    {
        var csv = TempFile("a,b\n1,2\n");
        Assert.Equal(1L, Single<long>($"SELECT count(*) FROM read_csv('{csv}')"));

        using var locked = new DuckDbConnection("Data Source=:memory:;enable_external_access=false");
        locked.Open();
        var error = Assert.Throws<DuckDbException>(() => Scalar(locked, $"SELECT count(*) FROM read_csv('{csv}')"));
        Assert.Contains("Permission Error", error.Message);
    }

    [Fact]
    public void A_file_open_with_other_settings_in_this_process_is_refused()
    {
        var path = TempDatabasePath();
        using var first = new DuckDbConnection($"Data Source={path};threads=2");
        first.Open();
        using var second = new DuckDbConnection($"Data Source={path};threads=1");
        var error = Assert.Throws<DuckDbException>(() => second.Open());
        Assert.Contains("different settings", error.Message);
    }

    [Fact]
    public void Each_memory_connection_is_a_private_database()
    {
        Execute("CREATE TABLE mine (i INTEGER)");
        using var other = new DuckDbConnection("Data Source=:memory:");
        other.Open();
        var error = Assert.Throws<DuckDbException>(() => Scalar(other, "SELECT * FROM mine"));
        Assert.Contains("Catalog Error", error.Message);
    }

    [Fact]
    public void Connection_string_cannot_change_while_open()
    {
        Assert.Throws<InvalidOperationException>(() => Connection.ConnectionString = "Data Source=x.duckdb");
        Assert.Equal(":memory:", Connection.DataSource);
    }

    [Fact]
    public void Builder_maps_access_mode_and_option_names()
    {
        var builder = new DuckDbConnectionStringBuilder("Data Source=w.duckdb;Access Mode=ReadOnly;Memory Limit=1GB");
        Assert.Equal("w.duckdb", builder.DataSource);
        Assert.True(builder.ReadOnly);
    }
}
