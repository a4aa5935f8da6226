using System.Diagnostics;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources.Catalog;
using Npgsql;

namespace Analytics.Etl.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ConnectionErrorTests(PostgresFixture fixture)
{
    private const string WrongPassword = "Wrong-Secret-7f3a9c";
    private const string AuthenticationFailed = "PostgreSQL 认证失败：用户名或密码错误 (authentication failed)。";

    [Fact]
    public void WrongPassword_IsAnAuthenticationErrorThatNamesNoPassword()
    {
        var source = new PostgresSource(fixture.Server.ConnectionString(fixture.PublishedDatabase, password: WrongPassword));

        var error = Assert.Throws<EtlException>(() => source.QuartersOf(SourceCatalog.Feed("assistance")));

        Assert.Equal(AuthenticationFailed, error.Message);
        Assert.DoesNotContain(WrongPassword, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Server.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongPassword_DuringALoad_IsLoggedAsAFailedRunWithoutThePassword()
    {
        var warehouse = fixture.NewWarehouse("wrong-password");
        var source = new PostgresSource(fixture.Server.ConnectionString(fixture.PublishedDatabase, password: WrongPassword));
        var loader = new SourceQuarterLoader(warehouse, PostgresFixture.Key);

        var error = Assert.Throws<EtlException>(() => loader.Load(source, SourceCatalog.Feed("verification"), PostgresFixture.To, "test"));

        Assert.Equal(AuthenticationFailed, error.Message);
        var run = Sql.Rows(warehouse, "SELECT status, transport, origin, message FROM etl_run").Single();
        Assert.Equal(Sql.Line("failed", "postgres", $"127.0.0.1:{fixture.Server.Port}/{fixture.PublishedDatabase}", AuthenticationFailed), Sql.Line(run));
        Assert.DoesNotContain(Sql.Rows(warehouse, "SELECT * FROM etl_run").Single(), v => v is not null && v.Contains(WrongPassword, StringComparison.Ordinal));
    }

    [Fact]
    public void UnreachablePort_FailsWithinSecondsWithAClearConnectError()
    {
        var port = PostgresServer.FreePort();
        var source = new PostgresSource(fixture.Server.ConnectionString(fixture.PublishedDatabase, port: port));
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<SourceUnavailableException>(() => source.Open(SourceCatalog.Feed("assistance"), PostgresFixture.To));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.StartsWith($"无法连接 PostgreSQL 源数据库 127.0.0.1:{port}（", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(server unreachable)。", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Server.Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDatabase_IsNamed()
    {
        var source = new PostgresSource(fixture.Server.ConnectionString("no_such_db"));

        var error = Assert.Throws<EtlException>(() => source.QuartersOf(SourceCatalog.Feed("assistance")));

        Assert.Equal($"PostgreSQL 源数据库 no_such_db 不存在 (database does not exist on 127.0.0.1:{fixture.Server.Port})。", error.Message);
    }

    [Fact]
    public void MalformedConnectionString_IsAClearErrorThatDoesNotEchoIt()
    {
        var error = Assert.Throws<EtlException>(() => new PostgresSource("Host=127.0.0.1;Password=Leak-Me-123;Bogus Keyword=1"));

        Assert.StartsWith("PostgreSQL 连接字符串格式错误", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Leak-Me-123", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Origin_IsHostPortAndDatabase_NeverThePassword()
    {
        var source = new PostgresSource(fixture.Published);

        Assert.Equal("postgres", source.Transport);
        Assert.Equal($"127.0.0.1:{fixture.Server.Port}/{fixture.PublishedDatabase}", source.Origin);
        Assert.Equal(source.Origin, new PostgresExtractWriter(fixture.Published).Origin);
    }
}
