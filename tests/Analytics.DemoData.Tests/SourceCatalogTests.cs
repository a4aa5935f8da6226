using Analytics.Sources.Catalog;

namespace Analytics.DemoData.Tests;

public sealed class SourceCatalogTests
{
    [Theory]
    [InlineData("burial_scattered_graves_target")]
    [InlineData("burial_scattered_graves_cleared")]
    [InlineData("children_supervisors")]
    [InlineData("children_supervisors_trained")]
    [InlineData("highlights_count")]
    [InlineData("eldercare_community_facility_area_m2")]
    [InlineData("problems_petitions_beijing")]
    [InlineData("problems_safety_accidents")]
    [InlineData("problems_media_exposure")]
    [InlineData("eldercare_new_beds")]
    [InlineData("eldercare_new_dementia_beds")]
    [InlineData("eldercare_home_adaptations")]
    [InlineData("eldercare_one_touch_new_users")]
    [InlineData("eldercare_smart_water_meters")]
    [InlineData("eldercare_home_care_beds")]
    [InlineData("assistance_advisor_stations")]
    [InlineData("trainings_held")]
    public void Ledger_has_the_Qingpu_Songjiang_and_Putuo_quantities(string column) =>
        Assert.Contains(column, SourceCatalog.File("ledger", SourceCatalog.LedgerFileId).ColumnNames);

    [Fact]
    public void Every_file_has_unique_columns_a_key_of_its_own_columns_and_a_unique_table()
    {
        var tables = new HashSet<string>();
        foreach (var file in SourceCatalog.AllFiles)
        {
            Assert.Equal(file.Columns.Count, file.ColumnNames.Distinct().Count());
            Assert.NotEmpty(file.Key);
            Assert.All(file.Key, k => Assert.True(file.Column(k).Required, $"{file.FeedId}/{file.Id} key {k} must be required"));
            Assert.All(file.Columns, c => Assert.Matches("^[a-z][a-z0-9_]*$", c.Name));
            Assert.All(file.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Label)));
            if (file.PeriodColumn is { } period) Assert.Equal(ColumnType.Date, file.Column(period).Type);
            Assert.True(tables.Add(file.PostgresTable), file.PostgresTable);
            Assert.StartsWith("extract.", file.PostgresTable);
        }
    }

    [Fact]
    public void Feeds_cover_all_source_systems()
    {
        Assert.Equal(Enum.GetValues<SourceSystem>().Order(), SourceCatalog.Feeds.Select(f => f.System).Order());
        Assert.Equal("extract.assistance_payments", SourceCatalog.File("assistance", "payments").PostgresTable);
    }

    [Fact]
    public void Verification_business_types_and_assistance_categories_are_the_documented_codes()
    {
        Assert.Equal(["civil_assistance", "housing_security"], SourceCatalog.VerificationBusinessTypes.Select(v => v.Code));
        Assert.Contains(SourceCatalog.AssistanceCategories, v => v.Code == "dibao" && v.Label == "低保");
        Assert.Contains(SourceCatalog.PaymentTypes, v => v.Code == "festival_relief");
        Assert.True(SourceCatalog.File("assistance", "recipients").Column("category").Allows("tekun"));
        Assert.False(SourceCatalog.File("assistance", "recipients").Column("category").Allows("unknown"));
    }

    [Fact]
    public void Postgres_ddl_has_the_quarter_column_every_catalog_column_and_the_key()
    {
        var payments = SourceCatalog.File("assistance", "payments");
        var ddl = PostgresSchema.CreateTable(payments);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS extract.assistance_payments (", ddl);
        Assert.Contains("extract_quarter text NOT NULL", ddl);
        Assert.Contains("amount numeric NOT NULL", ddl);
        Assert.Contains("pay_month date NOT NULL", ddl);
        Assert.Contains("PRIMARY KEY (extract_quarter, payment_id)", ddl);
        Assert.Contains("end_date date,", PostgresSchema.CreateTable(SourceCatalog.File("assistance", "recipients")));
        var all = PostgresSchema.CreateAll();
        Assert.Equal(SourceCatalog.AllFiles.Count(), all.Split("CREATE TABLE").Length - 1);
    }
}
