using Analytics.Etl.Extraction;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaErrorTests(PostgresFixture fixture)
{
    [Fact]
    public void QuartersOf_ListsThePublishedQuartersOfEveryFeed()
    {
        var source = new PostgresSource(fixture.Published);

        foreach (var feed in SourceCatalog.Feeds)
        {
            Assert.Equal([new Quarter(2024, 2), new Quarter(2024, 3)], source.QuartersOf(feed));
        }
    }

    [Fact]
    public void QuartersOf_IsEmptyForADatabaseWithoutExtracts()
    {
        var connectionString = fixture.Server.CreateDatabase("empty");
        var source = new PostgresSource(connectionString);

        Assert.Empty(source.QuartersOf(SourceCatalog.Feed("assistance")));

        new PostgresExtractWriter(connectionString).CreateSchema();
        Assert.Empty(source.QuartersOf(SourceCatalog.Feed("assistance")));
    }

    [Fact]
    public void QuarterWithoutRowsInAnyTableOfTheFeed_IsANoDataError()
    {
        var source = new PostgresSource(fixture.Published);

        var error = Assert.Throws<EtlException>(() => source.Open(SourceCatalog.Feed("assistance"), new Quarter(2023, 4)));

        Assert.Equal($"源数据库没有 assistance 的 2023Q4 数据 (no rows for this quarter in {source.Origin})。", error.Message);
    }

    [Fact]
    public void MissingTable_IsNamed()
    {
        var (connectionString, _) = fixture.PublishToNewDatabase("missing_table");
        PostgresServer.ExecuteOn(connectionString, "DROP TABLE extract.assistance_case_events");
        var source = new PostgresSource(connectionString);

        var error = Assert.Throws<EtlException>(() => source.Open(SourceCatalog.Feed("assistance"), PostgresFixture.To));

        Assert.Equal($"源数据库缺少表 extract.assistance_case_events (postgres:extract.assistance_case_events@2024Q3: missing table in {source.Origin})。", error.Message);
        // The feed's other tables still tell which quarters exist.
        Assert.Equal([new Quarter(2024, 2), new Quarter(2024, 3)], source.QuartersOf(SourceCatalog.Feed("assistance")));
    }

    [Fact]
    public void MissingAndExtraColumns_AreReportedLikeAFileHeader()
    {
        var (connectionString, _) = fixture.PublishToNewDatabase("columns");
        PostgresServer.ExecuteOn(connectionString, "ALTER TABLE extract.assistance_payments DROP COLUMN amount, ADD COLUMN bonus numeric");
        var source = new PostgresSource(connectionString);

        var error = Assert.Throws<EtlException>(() => source.Open(SourceCatalog.Feed("assistance"), PostgresFixture.To));

        Assert.Equal("postgres:extract.assistance_payments@2024Q3：表头与数据规范不符：缺少列 amount；多出列 bonus (header does not match docs/sources.md)。", error.Message);
    }

    [Fact]
    public void ColumnsInAnotherOrder_AreReadInCatalogOrder()
    {
        var (connectionString, _) = fixture.PublishToNewDatabase("column_order");
        // Move district_code to the end of the table.
        PostgresServer.ExecuteOn(connectionString, """
            ALTER TABLE extract.reference_population RENAME COLUMN district_code TO dc_old;
            ALTER TABLE extract.reference_population ADD COLUMN district_code text;
            UPDATE extract.reference_population SET district_code = dc_old;
            ALTER TABLE extract.reference_population DROP COLUMN dc_old;
            """);
        var source = new PostgresSource(connectionString);

        var population = source.Open(SourceCatalog.Feed("reference"), PostgresFixture.To).Cast<RowSetExtractFile>().Single(f => f.Spec.Id == "population");

        Assert.Equal(population.Spec.ColumnNames, population.Header);
        Assert.All(population.Rows, r => Assert.Matches("^31[0-9]{4}$", r.Fields[0]!));
    }
}
