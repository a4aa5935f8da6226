using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Schema;

/// <summary>
/// Applies loaded region changes (区划调整) to dim_region as history: the old version of a town is
/// closed on the effective date and a new version opened, so facts before the change keep pointing
/// at the town as it was. Each change applies once (dim_region_change), in effective-date order.
/// </summary>
public static class RegionChangeApplier
{
    /// <summary>Applies the not-yet-applied changes found in fact_reference_region_changes; returns how many.</summary>
    public static int Apply(DuckDBConnection connection)
    {
        var pending = Pending(connection);
        foreach (var change in pending)
        {
            switch (change.Type)
            {
                case "rename":
                    var renamed = Close(connection, change, change.OldTown!);
                    Open(connection, change, renamed.TownCode, change.NewTown!, renamed.TownType);
                    break;
                case "merge":
                case "abolish":
                    Close(connection, change, change.OldTown!);
                    break;
                case "split":
                case "establish":
                    var type = change.OldTown is { } parent ? Current(connection, change, parent).TownType : TownTypeOf(change.NewTown!);
                    Open(connection, change, $"{change.DistrictCode}/{change.NewTown}", change.NewTown!, type);
                    break;
                default:
                    throw new WarehouseConfigurationException($"区划变更 {change.Id}：未知变更类型 {change.Type}");
            }

            Record(connection, change);
        }

        return pending.Count;
    }

    private sealed record Change(string Id, DateOnly Effective, string Type, string DistrictCode, string? OldTown, string? NewTown, string? Note);

    private sealed record TownVersion(int TownKey, string TownCode, string TownType);

    private static List<Change> Pending(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT change_id, effective_date, change_type, district_code, old_town_name, new_town_name, note
            FROM fact_reference_region_changes c
            WHERE NOT EXISTS (SELECT 1 FROM dim_region_change d WHERE d.change_id = c.change_id)
            ORDER BY effective_date, change_id
            """;
        using var reader = command.ExecuteReader();
        var changes = new List<Change>();
        while (reader.Read())
        {
            changes.Add(new Change(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return changes;
    }

    private static TownVersion Current(DuckDBConnection connection, Change change, string townName)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.town_key, r.town_code, r.town_type
            FROM dim_region_alias a JOIN dim_region r ON r.town_code = a.town_code
            WHERE a.district_code = $1 AND a.alias = $2 AND r.valid_from <= $3 AND (r.valid_to IS NULL OR r.valid_to > $3)
            """;
        command.Parameters.AddValue(change.DistrictCode);
        command.Parameters.AddValue(townName);
        command.Parameters.AddValue(change.Effective);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new WarehouseConfigurationException(
                $"区划变更 {change.Id}：{change.Effective:yyyy-MM-dd} 时区划 {change.DistrictCode} 下没有街镇「{townName}」");
        }

        return new TownVersion(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
    }

    private static TownVersion Close(DuckDBConnection connection, Change change, string townName)
    {
        var version = Current(connection, change, townName);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE dim_region SET valid_to = $1 WHERE town_key = $2";
        command.Parameters.AddValue(change.Effective);
        command.Parameters.AddValue(version.TownKey);
        command.ExecuteNonQuery();
        return version;
    }

    private static void Open(DuckDBConnection connection, Change change, string townCode, string townName, string townType)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dim_region
            SELECT (SELECT max(town_key) + 1 FROM dim_region), $1, (SELECT any_value(district_name) FROM dim_region WHERE district_code = $1),
                   $2, $3, $4, $5, NULL, $6;
            INSERT INTO dim_region_alias VALUES ($1, $3, $2) ON CONFLICT DO UPDATE SET town_code = excluded.town_code;
            """;
        command.Parameters.AddValue(change.DistrictCode);
        command.Parameters.AddValue(townCode);
        command.Parameters.AddValue(townName);
        command.Parameters.AddValue(townType);
        command.Parameters.AddValue(change.Effective);
        command.Parameters.AddValue($"{change.Id} {change.Type}: {change.Note}");
        command.ExecuteNonQuery();
    }

    private static void Record(DuckDBConnection connection, Change change)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO dim_region_change (change_id, effective_date, change_type, district_code, old_town_name, new_town_name, note) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        command.Parameters.AddValue(change.Id);
        command.Parameters.AddValue(change.Effective);
        command.Parameters.AddValue(change.Type);
        command.Parameters.AddValue(change.DistrictCode);
        command.Parameters.AddValue(change.OldTown);
        command.Parameters.AddValue(change.NewTown);
        command.Parameters.AddValue(change.Note);
        command.ExecuteNonQuery();
    }

    private static string TownTypeOf(string townName) => townName.EndsWith('镇') && !townName.EndsWith("街道", StringComparison.Ordinal) ? "镇" : "街道";
}
