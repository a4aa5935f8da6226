using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Sources;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Statistics;

/// <summary>A 街镇 or an unassigned remainder of a district; <see cref="Code"/> is the stable town code.</summary>
public sealed record TownArea(string Code, string Name, string DistrictCode);

public sealed record DistrictArea(string Code, string Name, IReadOnlyList<TownArea> Towns);

/// <summary>Raw (unsuppressed) counts per indicator, quarter and 街镇, read from the fact tables. Never shown as they are.</summary>
public sealed class RawFigures
{
    public required IReadOnlyList<Quarter> Quarters { get; init; }

    public required IReadOnlyList<DistrictArea> Districts { get; init; }

    /// <summary>(indicator, quarter key, town code) → value; missing means zero.</summary>
    public required IReadOnlyDictionary<(string Indicator, int QuarterKey, string Town), long> Values { get; init; }

    /// <summary>
    /// (population quantity, quarter key, town code) → the 街镇's population at the quarter end (reference feed), the
    /// denominators of the public per-capita rates; a 街镇 without a reference row is absent.
    /// </summary>
    public IReadOnlyDictionary<(string Population, int QuarterKey, string Town), long> Populations { get; init; } =
        new Dictionary<(string, int, string), long>();

    public long ValueOf(string indicator, Quarter quarter, string town) =>
        Values.TryGetValue((indicator, QuarterKey(quarter), town), out var value) ? value : 0;

    public static int QuarterKey(Quarter quarter) => quarter.Year * 10 + quarter.Number;
}

/// <summary>
/// Reads <see cref="RawFigures"/> from the warehouse once per <see cref="WarehouseDatabase.DataVersion"/>: public
/// requests touch the database only after a load has committed.
/// </summary>
public sealed class WarehouseFigures(WarehouseDatabase warehouse)
{
    private readonly Lock _lock = new();

    // A reference, so that readers without the lock see a whole snapshot, never half of one.
    private volatile Snapshot? _cache;

    public RawFigures Read()
    {
        var version = warehouse.DataVersion;
        if (_cache is { } cached && cached.Version == version)
        {
            return cached.Figures;
        }

        // One reader per new version; requests arriving meanwhile wait for it instead of each reading the facts.
        lock (_lock)
        {
            if (_cache is { } current && current.Version == version)
            {
                return current.Figures;
            }

            using var connection = warehouse.Connect();
            var figures = Load(connection);
            _cache = new Snapshot(version, figures);
            return figures;
        }
    }

    private sealed record Snapshot(long Version, RawFigures Figures);

    private static RawFigures Load(DuckDBConnection connection)
    {
        var quarters = new List<Quarter>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT quarter_key FROM etl_run WHERE status = 'succeeded' AND feed <> 'reference' ORDER BY 1";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                quarters.Add(new Quarter(key / 10, key % 10));
            }
        }

        // Every version of every town; a town code keeps its latest name. Towns that no longer exist stay listed
        // while facts refer to them, so that district totals always equal the sum of their rows.
        var allTowns = new Dictionary<string, (string District, string DistrictName, string Name, bool Current, long Order)>();
        var keyToTown = new Dictionary<long, string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT town_key, district_code, district_name, town_code, town_name, valid_to IS NULL AS current
                FROM dim_region ORDER BY district_code, town_key
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var townKey = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                var code = reader.GetString(3);
                keyToTown[townKey] = code;
                var order = allTowns.TryGetValue(code, out var known) ? known.Order : townKey;
                allTowns[code] = (reader.GetString(1), reader.GetString(2), reader.GetString(4), reader.GetBoolean(5) || known.Current, order);
            }
        }

        var values = new Dictionary<(string, int, string), long>();
        var unassigned = new HashSet<string>();
        foreach (var indicator in PublicIndicator.All)
        {
            using var command = connection.CreateCommand();
            command.CommandText = indicator.Sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var quarterKey = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                var district = reader.IsDBNull(2) ? "000000" : reader.GetString(2);
                string town;
                if (!reader.IsDBNull(1) && keyToTown.TryGetValue(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), out var known))
                {
                    town = known;
                }
                else
                {
                    town = UnassignedCode(district);
                    unassigned.Add(district);
                }

                var value = reader.IsDBNull(3) ? 0 : Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
                var key = (indicator.Code, quarterKey, town);
                values[key] = values.GetValueOrDefault(key) + value;
            }
        }

        var populations = new Dictionary<(string, int, string), long>();
        foreach (var population in PublicRates.PopulationQuantities)
        {
            using var command = connection.CreateCommand();
            var quantity = QuantityCatalog.Get(population);
            command.CommandText = $"SELECT f.quarter_key, f.town_key, CAST({quantity.Expression} AS BIGINT) FROM {quantity.FactTable} f WHERE f.town_key IS NOT NULL GROUP BY ALL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(2) && keyToTown.TryGetValue(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), out var town))
                {
                    var key = (population, Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), town);
                    populations[key] = populations.GetValueOrDefault(key) + Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                }
            }
        }

        var used = values.Keys.Select(k => k.Item3).ToHashSet();
        var towns = allTowns.Where(t => t.Value.Current || used.Contains(t.Key)).OrderBy(t => t.Value.District).ThenBy(t => t.Value.Order)
            .Select(t => (t.Value.District, t.Value.DistrictName, Code: t.Key, t.Value.Name)).ToList();
        var districts = towns.GroupBy(t => t.District)
            .Select(g => new DistrictArea(g.Key, g.Last().DistrictName,
                g.Select(t => new TownArea(t.Code, t.Name, t.District))
                    .Concat(unassigned.Contains(g.Key) ? [new TownArea(UnassignedCode(g.Key), "未注明街镇", g.Key)] : [])
                    .ToList()))
            .ToList();
        return new RawFigures { Quarters = quarters, Districts = districts, Values = values, Populations = populations };
    }

    /// <summary>The area code of a district's rows without a 街镇 (a 街镇's own code is district code, "/", name).</summary>
    public static string UnassignedCode(string district) => district + "/未注明街镇";
}
