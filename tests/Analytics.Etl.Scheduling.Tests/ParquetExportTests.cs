using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;
using Analytics.Warehouse.Export;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;

namespace Analytics.Etl.Scheduling.Tests;

[Collection(DemoDropCollection.Name)]
public sealed class ParquetExportTests(DemoDrop drop) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "parquet-export-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Export_reads_back_with_the_same_rows_and_sums_as_the_warehouse()
    {
        var databasePath = LoadDemoWarehouse();
        var outDir = Path.Combine(_folder, "export");

        var summary = ParquetExporter.Export(databasePath, outDir);

        using var connection = new WarehouseConnection(databasePath);
        foreach (var table in StarSchema.FactTables)
        {
            var exported = summary.Tables.Single(t => t.Name == table.Name);
            Assert.Equal(["year", "quarter", "district"], exported.PartitionColumns);
            var rows = connection.Long($"SELECT count(*) FROM {table.Name}");
            Assert.Equal(rows, exported.Rows);
            if (rows == 0)
            {
                continue;
            }

            var parquet = $"read_parquet({Literal(Path.Combine(outDir, "fact", table.Name, "**", "*.parquet"))}, hive_partitioning = true, hive_types_autocast = false)";
            Assert.Equal(rows, connection.Long($"SELECT count(*) FROM {parquet}"));

            // Count and the sum of every numeric column, per quarter and district, identical both ways.
            var sums = string.Concat(table.Columns.Where(c => c.SqlType is "BIGINT" or "DECIMAL(18,4)").Select(c => $", sum({c.Name}) AS sum_{c.Name}"));
            var warehouseGroups = $"SELECT quarter_key // 10 AS year, quarter_key % 10 AS quarter, district_code AS district, count(*) AS n{sums} FROM {table.Name} GROUP BY ALL";
            var parquetGroups = $"SELECT year::INTEGER AS year, quarter::INTEGER AS quarter, district, count(*) AS n{sums} FROM {parquet} GROUP BY ALL";
            Assert.Equal(0, connection.Long($"SELECT count(*) FROM (({warehouseGroups}) EXCEPT ({parquetGroups}))"));
            Assert.Equal(0, connection.Long($"SELECT count(*) FROM (({parquetGroups}) EXCEPT ({warehouseGroups}))"));

            // The stored quarter_key and district_code agree with the directories the rows sit in.
            Assert.Equal(0, connection.Long($"SELECT count(*) FROM {parquet} WHERE quarter_key <> year::INTEGER * 10 + quarter::INTEGER OR district_code <> district"));
        }

        // The headline numbers, spelled out.
        Assert.Equal(
            connection.Decimal("SELECT sum(amount) FROM fact_assistance_payments"),
            connection.Decimal($"SELECT sum(amount) FROM read_parquet({Literal(Path.Combine(outDir, "fact/fact_assistance_payments/**/*.parquet"))}, hive_partitioning = true)"));
        Assert.True(connection.Decimal("SELECT sum(amount) FROM fact_assistance_payments") > 0m);

        foreach (var district in connection.Strings("SELECT DISTINCT district_code FROM fact_assistance_payments"))
        {
            foreach (var quarter in new[] { DemoDrop.First, DemoDrop.Last })
            {
                var partition = Path.Combine(outDir, "fact", "fact_assistance_payments", $"year={quarter.Year}", $"quarter={quarter.Number}", $"district={district}");
                Assert.True(Directory.Exists(partition), partition);
                Assert.NotEmpty(Directory.GetFiles(partition, "*.parquet"));
            }
        }

        foreach (var dimension in new[] { "dim_region", "dim_quarter", "dim_date", "dim_source_system", "dim_region_alias" })
        {
            var file = Path.Combine(outDir, "dim", dimension + ".parquet");
            Assert.True(File.Exists(file), file);
            Assert.Equal(connection.Long($"SELECT count(*) FROM {dimension}"), connection.Long($"SELECT count(*) FROM read_parquet({Literal(file)})"));
        }

        var runs = Path.Combine(outDir, "etl", "etl_run.parquet");
        Assert.Equal(connection.Long("SELECT count(*) FROM etl_run"), connection.Long($"SELECT count(*) FROM read_parquet({Literal(runs)})"));
        Assert.Equal(connection.Long("SELECT sum(rows_loaded)::BIGINT FROM etl_run"), connection.Long($"SELECT sum(rows_loaded)::BIGINT FROM read_parquet({Literal(runs)})"));

        var readme = File.ReadAllText(Path.Combine(outDir, "README.md"));
        Assert.Contains("Spark", readme);
        Assert.Contains("Trino", readme);
        Assert.Contains("ClickHouse", readme);
        Assert.Contains("hive_partitioning", readme);
        Assert.Contains("分区", readme);
        Assert.Equal(summary.Files, Directory.GetFiles(outDir, "*.parquet", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void Exporting_again_replaces_the_previous_export()
    {
        var databasePath = LoadDemoWarehouse(feeds: ["verification"]);
        var outDir = Path.Combine(_folder, "export");
        var stale = Path.Combine(outDir, "fact", "fact_verification_requests", "year=1999", "quarter=1", "district=000000");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "data_0.parquet"), "not parquet");

        var first = ParquetExporter.Export(databasePath, outDir);
        var second = ParquetExporter.Export(databasePath, outDir);

        Assert.False(Directory.Exists(stale));
        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(first.Files, second.Files);
    }

    [Fact]
    public void A_missing_warehouse_file_is_reported_not_created()
    {
        var missing = Path.Combine(_folder, "nothing.duckdb");
        Assert.Throws<FileNotFoundException>(() => ParquetExporter.Export(missing, Path.Combine(_folder, "out")));
        Assert.False(File.Exists(missing));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string LoadDemoWarehouse(IReadOnlyList<string>? feeds = null)
    {
        var path = Path.Combine(_folder, "warehouse.duckdb");
        var warehouse = WarehouseDatabase.Open(path);
        var loader = new SourceQuarterLoader(warehouse, PseudonymKey.FromText(new string('b', 64), "test"));
        var source = new FileDropSource(drop.Root);
        foreach (var feed in SourceCatalog.Feeds.Where(f => feeds is null || feeds.Contains(f.Id)))
        {
            foreach (var quarter in Quarter.Range(DemoDrop.First, DemoDrop.Last))
            {
                Assert.True(loader.Load(source, feed, quarter, "cli").Succeeded);
            }
        }

        return path;
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A read-write connection to the warehouse, opened after the export's read-only one has closed.</summary>
    private sealed class WarehouseConnection(string path) : IDisposable
    {
        private readonly DuckDBConnection _connection = Open(path);

        public long Long(string sql) => Convert.ToInt64(Scalar(sql) ?? 0L, CultureInfo.InvariantCulture);

        public decimal Decimal(string sql) => Convert.ToDecimal(Scalar(sql), CultureInfo.InvariantCulture);

        public IReadOnlyList<string> Strings(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }

        public void Dispose() => _connection.Dispose();

        private object? Scalar(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            var value = command.ExecuteScalar();
            return value is DBNull ? null : value;
        }

        private static DuckDBConnection Open(string path)
        {
            var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = path }.ConnectionString);
            connection.Open();
            return connection;
        }
    }
}
