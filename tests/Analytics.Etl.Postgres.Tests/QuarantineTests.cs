using System.Text;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class QuarantineTests(PostgresFixture fixture)
{
    private const string QuarantineSql = "SELECT file, row_number, field, reason FROM etl_quarantine ORDER BY file, row_number";

    [Fact]
    public void NegativeCountInPostgres_IsQuarantinedWithTheSameReasonAsInAFile()
    {
        var feed = SourceCatalog.Feed("verification");
        var (connectionString, _) = fixture.PublishToNewDatabase("negative");
        var firstId = (string)PostgresServer.ScalarOn(connectionString,
            "SELECT request_id FROM extract.verification_requests WHERE extract_quarter = '2024Q3' ORDER BY request_id LIMIT 1")!;
        // A source system that writes its tables itself, without the publisher's manifest.
        PostgresServer.ExecuteOn(connectionString,
            $"DROP TABLE extract.extract_manifest; UPDATE extract.verification_requests SET households = -3 WHERE extract_quarter = '2024Q3' AND request_id = '{firstId}'");

        // The same defect in a file drop holding just this feed.
        var drop = Path.Combine(fixture.Scratch, "negative-" + Guid.NewGuid().ToString("N"));
        CopyFeedWithNegativeHouseholds(feed, drop, firstId);

        var postgresWarehouse = fixture.NewWarehouse("negative-pg");
        var fileWarehouse = fixture.NewWarehouse("negative-files");
        var fromPostgres = new SourceQuarterLoader(postgresWarehouse, PostgresFixture.Key).Load(new PostgresSource(connectionString), feed, PostgresFixture.To, "test");
        var fromFiles = new SourceQuarterLoader(fileWarehouse, PostgresFixture.Key).Load(new FileDropSource(drop), feed, PostgresFixture.To, "test");

        Assert.Equal(1, fromPostgres.RowsQuarantined);
        Assert.Equal((fromFiles.RowsRead, fromFiles.RowsLoaded, fromFiles.RowsQuarantined), (fromPostgres.RowsRead, fromPostgres.RowsLoaded, fromPostgres.RowsQuarantined));
        var pg = Sql.Rows(postgresWarehouse, QuarantineSql).Single();
        Assert.Equal(Sql.Line("postgres:extract.verification_requests@2024Q3", "1", "households", "户次(households)：-3 不能小于 1"), Sql.Line(pg));
        var file = Sql.Rows(fileWarehouse, QuarantineSql).Single();
        Assert.Equal(Sql.Line(pg[2..]), Sql.Line(file[2..]));
    }

    [Fact]
    public void BadValuesInPostgresTextColumns_AreQuarantinedRowByRow()
    {
        var feed = SourceCatalog.Feed("assistance");
        var (connectionString, _) = fixture.PublishToNewDatabase("text_columns");
        // A source system that keeps amounts as text, and a category code nobody knows (and no publisher's manifest).
        PostgresServer.ExecuteOn(connectionString, """
            DROP TABLE extract.extract_manifest;
            ALTER TABLE extract.assistance_payments ALTER COLUMN amount TYPE text USING amount::text;
            WITH ranked AS (SELECT payment_id, row_number() OVER (ORDER BY payment_id) AS n
                            FROM extract.assistance_payments WHERE extract_quarter = '2024Q3')
            UPDATE extract.assistance_payments p
            SET amount = CASE WHEN r.n = 1 THEN '十二元' ELSE p.amount END,
                category = CASE WHEN r.n = 2 THEN 'bogus' ELSE p.category END
            FROM ranked r
            WHERE p.extract_quarter = '2024Q3' AND p.payment_id = r.payment_id AND r.n <= 2;
            """);
        var warehouse = fixture.NewWarehouse("text-columns");

        var result = new SourceQuarterLoader(warehouse, PostgresFixture.Key).Load(new PostgresSource(connectionString), feed, PostgresFixture.To, "test");

        Assert.Equal(2, result.RowsQuarantined);
        Assert.Equal(result.RowsRead - 2, result.RowsLoaded);
        var rows = Sql.Rows(warehouse, QuarantineSql);
        Assert.Equal(2, rows.Count);
        Assert.Equal(Sql.Line("postgres:extract.assistance_payments@2024Q3", "1", "amount", "金额(amount)：「十二元」不是数字"), Sql.Line(rows[0]));
        Assert.Equal(Sql.Line("postgres:extract.assistance_payments@2024Q3", "2", "category"), Sql.Line(rows[1][..3]));
        Assert.StartsWith("救助类别(category)：「bogus」取值不在允许范围", rows[1][3], StringComparison.Ordinal);
    }

    private void CopyFeedWithNegativeHouseholds(FeedSpec feed, string drop, string requestId)
    {
        foreach (var spec in feed.Files)
        {
            var relative = DropLayout.RelativePath(spec, PostgresFixture.To);
            var target = Path.Combine(drop, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var records = DelimitedText.Read(Path.Combine(fixture.Drop, relative), Encoding.UTF8).Select(r => r.Fields).ToList();
            if (spec.Id == "requests")
            {
                var id = Array.IndexOf(records[0], "request_id");
                var households = Array.IndexOf(records[0], "households");
                records.Single(r => r[id] == requestId)[households] = "-3";
            }

            File.WriteAllText(target, string.Concat(records.Select(r => string.Join(',', r.Select(Quote)) + "\n")), new UTF8Encoding(false));
        }
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
