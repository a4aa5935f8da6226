using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>A town's quarterly value of one indicator, with the quarter as an ordinal (year × 4 + quarter − 1).</summary>
public sealed record SeriesPoint(int Year, int Quarter, decimal? Value, decimal? QoqPrevious)
{
    public string Period => $"{Year}Q{Quarter}";
}

/// <summary>What detectors share: the connection, the towns, and cached quarterly series per indicator.</summary>
public sealed class AnomalyContext(DuckDBConnection connection)
{
    private readonly Dictionary<string, Dictionary<int, List<SeriesPoint>>> _series = [];
    private Dictionary<int, TownInfo>? _towns;

    public DuckDBConnection Connection => connection;

    public IReadOnlyDictionary<int, TownInfo> Towns => _towns ??= LoadTowns();

    /// <summary>Town key → the indicator's quarterly values, oldest first.</summary>
    public IReadOnlyDictionary<int, List<SeriesPoint>> Series(string indicatorCode)
    {
        if (_series.TryGetValue(indicatorCode, out var cached))
        {
            return cached;
        }

        var result = new Dictionary<int, List<SeriesPoint>>();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT town_key, year, quarter, value, qoq_previous FROM metric_value
            WHERE indicator_code = $1 AND level = 'town' AND quarter IS NOT NULL ORDER BY town_key, year, quarter
            """;
        command.Parameters.AddValue(indicatorCode);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var town = reader.GetInt32(0);
            if (!result.TryGetValue(town, out var list))
            {
                result[town] = list = [];
            }

            list.Add(new SeriesPoint(reader.GetInt32(1), reader.GetInt32(2), WarehouseSql.Decimal(reader, 3), WarehouseSql.Decimal(reader, 4)));
        }

        _series[indicatorCode] = result;
        return result;
    }

    private Dictionary<int, TownInfo> LoadTowns()
    {
        var towns = new Dictionary<int, TownInfo>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT town_key, district_code, district_name, town_name, town_type FROM dim_region";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            towns[reader.GetInt32(0)] = new TownInfo(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }

        return towns;
    }

    public AnomalyFlag TownFlag(string kind, string severity, int townKey, string period, string? indicator, decimal? observed, decimal? expected,
        double score, IReadOnlyDictionary<string, object?> numbers, string message, string? detail = null)
    {
        var t = Towns[townKey];
        return new AnomalyFlag(kind, severity, "town", t.DistrictCode, t.DistrictName, townKey, t.TownName, period, indicator, observed, expected, score, numbers,
            $"{t.DistrictName}{t.TownName}：{message}", detail);
    }
}
