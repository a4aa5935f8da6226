using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class RunLogTests(PostgresFixture fixture)
{
    [Fact]
    public void RunLog_NamesThePostgresTransportAndOrigin_WithoutThePassword()
    {
        var warehouse = fixture.NewWarehouse("run-log");
        var source = new PostgresSource(fixture.Published);

        var result = new SourceQuarterLoader(warehouse, PostgresFixture.Key).Load(source, SourceCatalog.Feed("socialorg"), PostgresFixture.To, "test");

        Assert.True(result.Succeeded);
        var run = Sql.Rows(warehouse, "SELECT transport, origin, status, rows_read::VARCHAR, files::VARCHAR FROM etl_run").Single();
        Assert.Equal(Sql.Line("postgres", $"127.0.0.1:{fixture.Server.Port}/{fixture.PublishedDatabase}", "succeeded", result.RowsRead.ToString(System.Globalization.CultureInfo.InvariantCulture), "2"), Sql.Line(run));
        Assert.Contains("postgres:extract.socialorg_organisations@2024Q3", result.Message, StringComparison.Ordinal);
        foreach (var row in Sql.Rows(warehouse, "SELECT * FROM etl_run"))
        {
            Assert.DoesNotContain(row, v => v is not null && v.Contains(fixture.Server.Password, StringComparison.Ordinal));
        }
    }
}
