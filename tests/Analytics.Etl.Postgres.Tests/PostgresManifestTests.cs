using System.Globalization;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources.Catalog;
using Analytics.Sources.Manifest;

namespace Analytics.Etl.Postgres.Tests;

/// <summary>`etl publish-postgres` states every table·quarter's rows and checksum; the loader refuses a table that disagrees.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresManifestTests(PostgresFixture fixture)
{
    private const string Payments = "extract.assistance_payments";

    [Fact]
    public void The_publisher_states_each_table_quarter_with_the_rows_of_its_file()
    {
        var files = DropManifest.Read(fixture.Drop)!;
        var stated = PostgresServer.ScalarOn(fixture.Published,
            $"SELECT row_count FROM extract.extract_manifest WHERE table_name = '{Payments}' AND extract_quarter = '2024Q3'");

        Assert.Equal(files.Find("assistance/2024Q3/payments.csv")!.Rows, (long)stated!);
        Assert.Equal(fixture.PublishResult.Tables.Count, Convert.ToInt64(PostgresServer.ScalarOn(fixture.Published, "SELECT count(*) FROM extract.extract_manifest"), CultureInfo.InvariantCulture));
        Assert.All(fixture.PublishResult.Tables, t => Assert.Matches("^[0-9a-f]{32}$", t.Checksum));
    }

    [Fact]
    public void Rows_deleted_after_publishing_are_refused_naming_the_table_and_both_counts()
    {
        var (connectionString, published) = fixture.PublishToNewDatabase("manifest_rows");
        var rows = published.Tables.Single(t => t.Table == Payments && t.Quarter == PostgresFixture.To).Rows;
        PostgresServer.ExecuteOn(connectionString,
            $"DELETE FROM {Payments} WHERE extract_quarter = '2024Q3' AND payment_id IN (SELECT payment_id FROM {Payments} WHERE extract_quarter = '2024Q3' ORDER BY payment_id LIMIT 100)");
        var warehouse = fixture.NewWarehouse("manifest-rows");

        var error = Assert.Throws<EtlException>(() =>
            new SourceQuarterLoader(warehouse, PostgresFixture.Key).Load(new PostgresSource(connectionString), SourceCatalog.Feed("assistance"), PostgresFixture.To, "test"));

        Assert.Equal($"postgres:{Payments}@2024Q3：源数据库中有 {rows - 100:N0} 行，清单 extract.extract_manifest 记载 {rows:N0} 行，数据可能缺失或被改动，已拒绝装载 (row count differs from the manifest)。", error.Message);
        Assert.Equal("0", Sql.Scalar(warehouse, "SELECT count(*) FROM fact_assistance_payments"));
        Assert.Equal("failed", Sql.Scalar(warehouse, "SELECT status FROM etl_run"));
    }

    [Fact]
    public void A_value_changed_after_publishing_is_refused_by_the_checksum()
    {
        var (connectionString, published) = fixture.PublishToNewDatabase("manifest_value");
        var stated = published.Tables.Single(t => t.Table == Payments && t.Quarter == PostgresFixture.To).Checksum;
        PostgresServer.ExecuteOn(connectionString,
            $"UPDATE {Payments} SET amount = amount + 1 WHERE extract_quarter = '2024Q3' AND payment_id = (SELECT min(payment_id) FROM {Payments} WHERE extract_quarter = '2024Q3')");
        var warehouse = fixture.NewWarehouse("manifest-value");

        var error = Assert.Throws<EtlException>(() =>
            new SourceQuarterLoader(warehouse, PostgresFixture.Key).Load(new PostgresSource(connectionString), SourceCatalog.Feed("assistance"), PostgresFixture.To, "test"));

        Assert.Matches($"^postgres:{Payments}@2024Q3：校验和为 [0-9a-f]{{32}}，清单 extract.extract_manifest 记载 {stated}，数据在发布后已被改动，已拒绝装载 \\(checksum differs from the manifest\\)。$", error.Message);
        Assert.DoesNotContain($"校验和为 {stated}", error.Message, StringComparison.Ordinal);
        Assert.Equal("0", Sql.Scalar(warehouse, "SELECT count(*) FROM fact_assistance_payments"));
    }
}
