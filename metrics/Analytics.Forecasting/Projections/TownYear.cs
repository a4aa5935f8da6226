using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Forecasting.Projections;

/// <summary>One 街镇's four quarterly values of a kind in one year; a quarter without a value is null.</summary>
public sealed record TownYear(ProjectionKind Kind, int TownKey, string DistrictCode, string TownType, int Year, decimal?[] Quarters)
{
    public bool IsComplete => Quarters.All(q => q is not null);

    public decimal YearToDate(int quarter) => Quarters.Take(quarter).Sum(q => q ?? 0m);

    public decimal YearEnd => YearToDate(4);

    /// <summary>Reads every 街镇's quarterly values of the kind from metric_value, grouped by town and year.</summary>
    public static IReadOnlyList<TownYear> Read(DuckDBConnection connection, ProjectionKind kind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.town_key, r.district_code, r.town_type, m.year, m.quarter, m.value
            FROM metric_value m JOIN dim_region r ON r.town_key = m.town_key
            WHERE m.indicator_code = $1 AND m.level = 'town' AND m.quarter IS NOT NULL
            ORDER BY m.town_key, m.year, m.quarter
            """;
        command.Parameters.AddValue(kind.IndicatorCode);
        using var reader = command.ExecuteReader();
        var years = new Dictionary<(int Town, int Year), TownYear>();
        while (reader.Read())
        {
            var key = (reader.GetInt32(0), reader.GetInt32(3));
            if (!years.TryGetValue(key, out var row))
            {
                years[key] = row = new TownYear(kind, key.Item1, reader.GetString(1), reader.GetString(2), key.Item2, new decimal?[4]);
            }

            row.Quarters[reader.GetInt32(4) - 1] = reader.IsDBNull(5) ? null : Convert.ToDecimal(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture);
        }

        return years.Values.OrderBy(y => y.TownKey).ThenBy(y => y.Year).ToList();
    }
}
