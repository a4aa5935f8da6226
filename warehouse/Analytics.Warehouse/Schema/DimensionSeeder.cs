using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Sources.Catalog;
using Analytics.Sources.Regions;

namespace Analytics.Warehouse.Schema;

/// <summary>Fills the static dimensions (calendar, quarters, source systems) and the initial regions; idempotent.</summary>
public static class DimensionSeeder
{
    /// <summary>Calendar range of dim_date and dim_quarter.</summary>
    public const int FirstYear = 2015;
    public const int LastYear = 2035;

    /// <summary>The day the reference regions are valid from (before any data the product holds).</summary>
    public static readonly DateOnly RegionsValidFrom = new(FirstYear, 1, 1);

    public static void Seed(DuckDBConnection connection, RegionReference regions)
    {
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, $"""
            INSERT INTO dim_quarter
            SELECT y * 10 + q, y || 'Q' || q, y, q, make_date(y, q * 3 - 2, 1), make_date(y, q * 3, 1) + INTERVAL 1 MONTH - INTERVAL 1 DAY
            FROM range({FirstYear}, {LastYear + 1}) years(y), range(1, 5) quarters(q)
            ON CONFLICT DO NOTHING;
            INSERT INTO dim_date
            SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER), d::DATE, year(d), year(d) * 10 + quarter(d), month(d), day(d), isodow(d)
            FROM range(DATE '{FirstYear}-01-01', DATE '{LastYear + 1}-01-01', INTERVAL 1 DAY) days(d)
            ON CONFLICT DO NOTHING;
            """);

        var key = 1;
        foreach (var feed in SourceCatalog.Feeds)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO dim_source_system VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
            command.Parameters.AddValue(key++);
            command.Parameters.AddValue(feed.Id);
            command.Parameters.AddValue(feed.SystemLabel);
            command.Parameters.AddValue(feed.Description);
            command.ExecuteNonQuery();
        }

        if (WarehouseSql.Scalar<long>(connection, "SELECT count(*) FROM dim_region") == 0)
        {
            SeedRegions(connection, regions);
        }

        transaction.Commit();
    }

    private static void SeedRegions(DuckDBConnection connection, RegionReference regions)
    {
        var townKey = 1;
        using (var appender = connection.CreateAppender("dim_region"))
        {
            foreach (var town in regions.Towns)
            {
                appender.CreateRow()
                    .AppendValue(townKey++).AppendValue(town.District.Code).AppendValue(town.District.Name)
                    .AppendValue(town.Key).AppendValue(town.Name).AppendValue(town.TypeLabel)
                    .AppendValue(RegionsValidFrom).AppendNullValue().AppendValue("区划参考数据 (reference)")
                    .EndRow();
            }

            appender.Close();
        }

        using var aliases = connection.CreateAppender("dim_region_alias");
        foreach (var town in regions.Towns)
        {
            foreach (var alias in town.Aliases.Prepend(town.Name).Distinct())
            {
                aliases.CreateRow().AppendValue(town.District.Code).AppendValue(alias).AppendValue(town.Key).EndRow();
            }
        }

        aliases.Close();
    }
}
