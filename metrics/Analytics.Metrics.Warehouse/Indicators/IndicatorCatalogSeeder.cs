using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>Fills dim_indicator from the code catalog at start: an upsert, so no migration is needed when an indicator changes.</summary>
public static class IndicatorCatalogSeeder
{
    /// <summary>Writes the indicators whose stored row differs from the catalog and removes those the catalog dropped.</summary>
    public static void Upsert(DuckDBConnection connection)
    {
        var stored = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT indicator_code, name_zh, name_en, unit, direction, domain, source_feed, definition_sql FROM dim_indicator";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                stored[reader.GetString(0)] = Enumerable.Range(0, 8).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray();
            }
        }

        // A refresh runs after every load; the per-row upsert costs milliseconds each, so only changes are written.
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO dim_indicator VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        foreach (var i in IndicatorCatalog.All)
        {
            string?[] row = [i.Code, i.NameZh, i.NameEn, i.Unit, i.DirectionText, i.Domain, i.Feed, i.DefinitionSql];
            if (stored.Remove(i.Code, out var existing) && existing.SequenceEqual(row))
            {
                continue;
            }

            command.Parameters.Clear();
            foreach (var value in row)
            {
                command.Parameters.AddValue(value);
            }

            command.ExecuteNonQuery();
        }

        foreach (var dropped in stored.Keys)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM dim_indicator WHERE indicator_code = $1";
            delete.Parameters.AddValue(dropped);
            delete.ExecuteNonQuery();
        }
    }
}
