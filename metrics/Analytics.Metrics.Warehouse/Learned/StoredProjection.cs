using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Learned;

/// <summary>
/// A district's stored year-end projection of one indicator at a cut (Q1–Q3), as the forecasting refresh computed it:
/// the shipped method's projection with its 80% range and the 方法 sentence. The target tracker shows it beside the
/// run rate its score uses.
/// </summary>
public sealed record StoredProjection(string IndicatorCode, string DistrictCode, int Year, int Quarter, int Towns, decimal ToDate, decimal RunRate,
    string Method, decimal Projection, decimal Low, decimal High, string MethodText)
{
    public const string RunRateMethod = "run_rate";

    /// <summary>Whether a regression model (not the run rate) made the projection.</summary>
    public bool IsModel => Method != RunRateMethod;

    /// <summary>The district's projections at the cut, by indicator; empty when the outputs are stale or never computed.</summary>
    public static IReadOnlyDictionary<string, StoredProjection> Read(DuckDBConnection connection, string districtCode, int year, int quarter)
    {
        if (!LearnedOutputs.IsCurrent(connection))
        {
            return new Dictionary<string, StoredProjection>();
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT indicator_code, district_code, year, quarter, towns, to_date, run_rate, method, projection, low, high, method_text
            FROM ml_projection WHERE district_code = $1 AND year = $2 AND quarter = $3
            """;
        command.Parameters.AddValue(districtCode);
        command.Parameters.AddValue(year);
        command.Parameters.AddValue(quarter);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, StoredProjection>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = new StoredProjection(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                WarehouseSql.Decimal(reader, 5)!.Value, WarehouseSql.Decimal(reader, 6)!.Value, reader.GetString(7), WarehouseSql.Decimal(reader, 8)!.Value, WarehouseSql.Decimal(reader, 9)!.Value,
                WarehouseSql.Decimal(reader, 10)!.Value, reader.GetString(11));
        }

        return rows;
    }
}
