using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Metrics.Warehouse.Learned;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>
/// The RandomizedPca combination flags (组合异常) as the forecasting refresh stored them in ml_combination_flag: the flag
/// list, its review workflow and the briefings take them like any rule's flags without training a model. None while the
/// stored flags are stale, and none on a warehouse too small to train the detector (it stores none there).
/// </summary>
public sealed class StoredCombinationFlags : IAnomalyDetector
{
    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        if (!LearnedOutputs.IsCurrent(context.Connection))
        {
            return [];
        }

        using var command = context.Connection.CreateCommand();
        command.CommandText = """
            SELECT district_code, district_name, town_key, town_name, period, indicator_code, observed, expected, score, numbers, message, detail
            FROM ml_combination_flag ORDER BY period, district_code, town_key
            """;
        using var reader = command.ExecuteReader();
        var flags = new List<AnomalyFlag>();
        while (reader.Read())
        {
            flags.Add(new AnomalyFlag(AnomalyKinds.IndicatorCombination, Severity.Medium, "town", reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), WarehouseSql.Decimal(reader, 6), WarehouseSql.Decimal(reader, 7), reader.GetDouble(8),
                Numbers(JsonNode.Parse(reader.GetString(9))!.AsObject()), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return flags;
    }

    /// <summary>The stored statistics back as numbers and nested objects (the contributions per indicator).</summary>
    private static Dictionary<string, object?> Numbers(JsonObject json) => json.ToDictionary(p => p.Key, p => p.Value switch
    {
        JsonObject nested => (object?)Numbers(nested),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        JsonValue value => value.ToString(),
        _ => null,
    });
}
