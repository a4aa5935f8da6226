using Analytics.DuckDb;
using Analytics.Warehouse.Migrations;
using Analytics.Warehouse.Schema;

namespace Analytics.Warehouse.Tests;

public sealed class MigrationTests
{
    [Fact]
    public void Opening_a_new_file_applies_every_migration_once_and_reopening_applies_none()
    {
        using var file = new WarehouseFile();
        file.Open();
        using (var connection = file.Open().Connect())
        {
            Assert.Equal(MigrationRunner.All.Count, WarehouseFile.Scalar(connection, "SELECT count(*) FROM schema_migrations"));
            Assert.Equal(0, MigrationRunner.Migrate(connection));
        }
    }

    [Fact]
    public void Every_fact_table_of_the_star_schema_exists_with_its_columns()
    {
        using var file = new WarehouseFile();
        using var connection = file.Open().Connect();
        foreach (var table in StarSchema.FactTables)
        {
            var expected = FactTable.LeadingColumns.Select(c => c.Name).Concat(table.Columns.Select(c => c.Name)).ToList();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT column_name FROM duckdb_columns() WHERE table_name = $1 ORDER BY column_index";
            command.Parameters.AddValue(table.Name);
            using var reader = command.ExecuteReader();
            var actual = new List<string>();
            while (reader.Read())
            {
                actual.Add(reader.GetString(0));
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Fact_tables_name_FSST_for_identifiers_and_a_dictionary_for_codes()
    {
        var payments = StarSchema.FactTables.Single(t => t.Name == "fact_assistance_payments");
        var recipients = StarSchema.FactTables.Single(t => t.Name == "fact_assistance_recipients");

        Assert.Equal(
            """
            CREATE TABLE fact_assistance_payments (
                run_id BIGINT NOT NULL,
                quarter_key INTEGER NOT NULL,
                district_code VARCHAR USING COMPRESSION dictionary NOT NULL,
                town_key INTEGER,
                payment_id VARCHAR USING COMPRESSION fsst,
                recipient_id VARCHAR USING COMPRESSION fsst,
                category VARCHAR USING COMPRESSION dictionary,
                payment_type VARCHAR USING COMPRESSION dictionary,
                pay_month DATE,
                amount DECIMAL(18,4)
            );
            """, payments.CreateSql().ReplaceLineEndings("\n"));
        // The 身份证号 pseudonym is one value per person; name pseudonyms repeat and are left to DuckDB.
        Assert.Equal(
            ["recipient_id:fsst", "category:dictionary", "name_key:", "citizen_id_key:fsst", "household_id:fsst", "household_size:",
             "start_date:", "end_date:", "status:dictionary", "medical_insured:", "support_mode:dictionary"],
            recipients.Columns.Select(c => $"{c.Name}:{c.Compression}"));
    }

    [Fact]
    public void Seeding_fills_48_towns_their_aliases_and_the_calendar_without_duplicating_on_reopen()
    {
        using var file = new WarehouseFile();
        file.Open();
        using var connection = file.Open().Connect();
        Assert.Equal(48, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_region"));
        Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_region_alias WHERE district_code = '310117' AND alias = '岳阳'"));
        Assert.Equal((DimensionSeeder.LastYear - DimensionSeeder.FirstYear + 1) * 4, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_quarter"));
        Assert.Equal(366, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_date WHERE year = 2024"));
    }

    [Fact]
    public void Migration_13_keeps_the_metric_rows_of_an_upgraded_warehouse()
    {
        using var file = new WarehouseFile();
        using (var connection = file.Open().Connect())
        {
            // A warehouse as migration 12 left it: metric rows written, migration 13 not yet applied.
            WarehouseFile.Execute(connection, "INSERT INTO metric_value (indicator_code, level, district_code, period, year, quarter, value) VALUES ('dibao.recipients', 'district', '310117', '2024Q3', 2024, 3, 1234.5)");
            WarehouseFile.Execute(connection, "INSERT INTO metric_quantity_value (quantity_code, level, unit_key, period, year, value) VALUES ('dibao.recipients', 'city', 'C', '2024', 2024, 9876)");
            WarehouseFile.Execute(connection, "DELETE FROM schema_migrations WHERE version = 13");
        }

        using (var connection = file.Open().Connect())
        {
            Assert.Equal(13, WarehouseFile.Scalar(connection, "SELECT max(version) FROM schema_migrations"));
            Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(*) FROM metric_value WHERE indicator_code = 'dibao.recipients' AND value = 1234.5 AND computed_at IS NOT NULL"));
            Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(*) FROM metric_quantity_value WHERE unit_key = 'C' AND value = 9876"));
        }
    }

    [Fact]
    public void A_file_written_by_a_newer_schema_is_refused_with_a_clear_message()
    {
        using var file = new WarehouseFile();
        using (var connection = file.Open().Connect())
        {
            WarehouseFile.Execute(connection, "INSERT INTO schema_migrations (version, description) VALUES (999, 'future')");
        }

        var error = Assert.Throws<WarehouseConfigurationException>(() => file.Open());
        Assert.Contains("999", error.Message);
    }

    [Fact]
    public void The_schema_document_shows_the_fact_tables_as_they_are()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "warehouse-schema.md"));
        Assert.Contains(SchemaDocument.FactTablesMarkdown(), document.ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Analytics.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Analytics.sln not found above the test folder.");
    }
}
