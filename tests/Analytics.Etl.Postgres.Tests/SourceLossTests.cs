using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Postgres.Tests;

/// <summary>A source that goes away is one clear failure naming the feed and quarter, and a lost connection is told from a refused one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SourceLossTests(PostgresFixture fixture)
{
    /// <summary>Ends the loader's sessions (pooled and idle between files) when the given file is about to be read.</summary>
    private sealed class TerminateSessionsAt(PostgresFixture fixture, int file) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            if (value.FilesDone == file && value.FilesDone < value.FilesTotal)
            {
                PostgresServer.ExecuteOn(fixture.Server.ConnectionString(),
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'analytics-etl'");
            }
        }
    }

    [Fact]
    public void A_connection_dropped_during_a_load_is_connection_lost_naming_feed_and_quarter_and_the_warehouse_stays()
    {
        var warehouse = fixture.NewWarehouse("lost");
        var source = new PostgresSource(fixture.Published);
        var loader = new SourceQuarterLoader(warehouse, PostgresFixture.Key);

        var error = Assert.Throws<SourceUnavailableException>(() =>
            loader.Load(source, SourceCatalog.Feed("verification"), PostgresFixture.To, "test", new TerminateSessionsAt(fixture, 1)));

        Assert.StartsWith($"verification/{PostgresFixture.To}：与 PostgreSQL 源数据库 127.0.0.1:{fixture.Server.Port} 的连接中断", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(connection lost)。", error.Message, StringComparison.Ordinal);
        Assert.Equal("0", Sql.Rows(warehouse, "SELECT count(*) FROM fact_verification_requests").Single()[0]);
        Assert.Equal(Sql.Line("failed", error.Message), Sql.Line(Sql.Rows(warehouse, "SELECT status, message FROM etl_run").Single()));
    }

    [Fact]
    public void A_server_that_is_not_there_is_cannot_connect_naming_feed_and_quarter()
    {
        var port = PostgresServer.FreePort();
        var source = new PostgresSource(fixture.Server.ConnectionString(fixture.PublishedDatabase, port: port));
        var loader = new SourceQuarterLoader(fixture.NewWarehouse("unreachable"), PostgresFixture.Key);

        var error = Assert.Throws<SourceUnavailableException>(() => loader.Load(source, SourceCatalog.Feed("verification"), PostgresFixture.To, "test"));

        Assert.StartsWith($"verification/{PostgresFixture.To}：无法连接 PostgreSQL 源数据库 127.0.0.1:{port}（", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(server unreachable)。", error.Message, StringComparison.Ordinal);
    }
}
