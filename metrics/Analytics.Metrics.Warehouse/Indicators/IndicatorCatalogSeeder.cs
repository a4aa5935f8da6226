using Analytics.DuckDb;

namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>Fills dim_indicator from the code catalog at start: an upsert, so no migration is needed when an indicator changes.</summary>
public static class IndicatorCatalogSeeder
{
    public static void Upsert(DuckDbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO dim_indicator VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        foreach (var i in IndicatorCatalog.All)
        {
            command.Parameters.Clear();
            command.Parameters.AddValue(i.Code);
            command.Parameters.AddValue(i.NameZh);
            command.Parameters.AddValue(i.NameEn);
            command.Parameters.AddValue(i.Unit);
            command.Parameters.AddValue(i.DirectionText);
            command.Parameters.AddValue(i.Domain);
            command.Parameters.AddValue(i.Feed);
            command.Parameters.AddValue(i.DefinitionSql);
            command.ExecuteNonQuery();
        }
    }
}
