using System.Text;
using Analytics.Etl.Extraction;
using Analytics.Etl.Postgres.Tests.Support;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;
using Analytics.Warehouse.Schema;
using Npgsql;

namespace Analytics.Etl.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class TransportEquivalenceTests(PostgresFixture fixture)
{
    [Fact]
    public void PublishedDemoDrop_LoadsExactlyTheSameFactsAsTheFileDrop()
    {
        var fromFiles = fixture.NewWarehouse("files");
        var fromPostgres = fixture.NewWarehouse("postgres");

        var fileRuns = PostgresFixture.LoadAll(fromFiles, new FileDropSource(fixture.Drop));
        var postgresRuns = PostgresFixture.LoadAll(fromPostgres, new PostgresSource(fixture.Published));

        // Same feed·quarter loads, same row counts read / loaded / quarantined.
        Assert.Equal(SourceCatalog.Feeds.Count * 2, fileRuns.Count);
        Assert.Equal(
            fileRuns.Select(r => (r.Feed, r.Quarter, r.RowsRead, r.RowsLoaded, r.RowsQuarantined, r.Files)),
            postgresRuns.Select(r => (r.Feed, r.Quarter, r.RowsRead, r.RowsLoaded, r.RowsQuarantined, r.Files)));
        Assert.All(postgresRuns, r => Assert.True(r.Succeeded));

        // Per fact table: row count, the sum of every numeric column, and an order-free fingerprint of all values.
        foreach (var table in StarSchema.FactTables)
        {
            var sql = FactSummarySql(table);
            var expected = Sql.Rows(fromFiles, sql).Single();
            var actual = Sql.Rows(fromPostgres, sql).Single();
            Assert.True(expected.SequenceEqual(actual), $"{table.Name}: files [{string.Join(", ", expected)}] ≠ postgres [{string.Join(", ", actual)}]");
        }

        // The demo drop is not empty: the comparison compared something.
        Assert.Equal(fixture.Generated.RowsOf("assistance", "payments").ToString(System.Globalization.CultureInfo.InvariantCulture),
            Sql.Scalar(fromPostgres, "SELECT count(*) FROM fact_assistance_payments"));
        Assert.Equal(fixture.PublishResult.Rows, postgresRuns.Sum(r => r.RowsRead));
    }

    [Fact]
    public void Open_HandsOverEveryValueInTheTextFormOfTheCsvFiles_WhateverTheServerDateStyle()
    {
        // A DateStyle that would print 01/07/2024 for a plain date::text.
        var connectionString = new NpgsqlConnectionStringBuilder(fixture.Published) { Options = "-c DateStyle=SQL,DMY" }.ConnectionString;
        var source = new PostgresSource(connectionString);
        var files = new FileDropSource(fixture.Drop);
        var compared = 0;
        foreach (var feed in SourceCatalog.Feeds.Where(f => f.Id != "ledger"))
        {
            var fromPostgres = source.Open(feed, PostgresFixture.To).Cast<RowSetExtractFile>().ToList();
            foreach (var csv in files.Open(feed, PostgresFixture.To).Cast<CsvExtractFile>())
            {
                var set = fromPostgres.Single(f => f.Spec == csv.Spec);
                Assert.Equal($"postgres:{csv.Spec.PostgresTable}@2024Q3", set.DisplayName);
                Assert.Equal(csv.Spec.ColumnNames, set.Header);
                var rows = set.Rows.ToList();
                Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => (long)n), rows.Select(r => r.RowNumber));
                Assert.All(rows, r => Assert.Equal(set.DisplayName, r.File));
                var positions = csv.Spec.ColumnNames.Select(c => csv.Header.ToList().IndexOf(c)).ToArray();
                var expected = DelimitedText.Read(csv.Path, Encoding.UTF8).Skip(1)
                    .Select(r => string.Join('\u001f', positions.Select(p => r.Fields[p])))
                    .Order(StringComparer.Ordinal).ToList();
                var actual = rows.Select(r => string.Join('\u001f', r.Fields.Select(f => f ?? "")))
                    .Order(StringComparer.Ordinal).ToList();
                Assert.Equal(expected, actual);
                compared += expected.Count;
            }
        }

        Assert.True(compared > 1000, $"only {compared} rows compared");
    }

    [Fact]
    public void Open_StreamsRowsInKeyOrder()
    {
        var source = new PostgresSource(fixture.Published);
        var payments = source.Open(SourceCatalog.Feed("assistance"), PostgresFixture.To).Cast<RowSetExtractFile>()
            .Single(f => f.Spec.Id == "payments");
        var ids = payments.Rows.Select(r => r.Fields[0]!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Publish_TwiceIntoTheSameDatabase_ReplacesTheQuartersInsteadOfDuplicating()
    {
        var (connectionString, first) = fixture.PublishToNewDatabase("republish");
        var second = new PostgresExtractWriter(connectionString).Publish(fixture.Drop);

        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(first.Tables, second.Tables);
        var stored = Convert.ToInt64(PostgresServer.ScalarOn(connectionString, "SELECT count(*) FROM extract.assistance_payments"),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Generated.RowsOf("assistance", "payments"), stored);
    }

    [Fact]
    public void Publish_WritesOneTablePerFileAndQuarter_WithTheDropsRowCounts()
    {
        var result = fixture.PublishResult;
        Assert.Equal(SourceCatalog.AllFiles.Count() * 2, result.Tables.Count);
        foreach (var file in SourceCatalog.AllFiles.Where(f => f.FeedId != "ledger"))
        {
            Assert.Equal(fixture.Generated.RowsOf(file.FeedId, file.Id), result.Tables.Where(t => t.Table == file.PostgresTable).Sum(t => t.Rows));
        }

        Assert.Equal(fixture.Generated.RowsOf("ledger", SourceCatalog.LedgerFileId),
            result.Tables.Where(t => t.Table == "extract.ledger_town_quarter").Sum(t => t.Rows));
    }

    private static string FactSummarySql(FactTable table)
    {
        var columns = FactTable.LeadingColumns.Select(c => c.Name).Where(c => c != "run_id").Concat(table.Columns.Select(c => c.Name)).ToList();
        var sums = table.Columns.Where(c => c.SqlType is "BIGINT" || c.SqlType.StartsWith("DECIMAL", StringComparison.Ordinal))
            .Select(c => $"sum({c.Name})::VARCHAR");
        var parts = new[] { "count(*)::VARCHAR" }.Concat(sums)
            .Append($"coalesce(sum(hash({string.Join(", ", columns)})::HUGEINT), 0)::VARCHAR");
        return $"SELECT {string.Join(", ", parts)} FROM {table.Name}";
    }
}
