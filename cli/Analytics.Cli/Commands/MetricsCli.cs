using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Warehouse;

namespace Analytics.Cli.Commands;

/// <summary>Shared parsing and output for the metrics commands (score, judge, anomalies).</summary>
internal static class MetricsCli
{
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Rubric Rubric(string id) => RubricCatalog.Find(id) ?? throw new CliInputException(
        $"未知评分方案 {id}，可用：{string.Join(", ", RubricCatalog.All.Select(r => r.Id))} (unknown rubric id)");

    public static AssessmentPeriod Period(string text) => AssessmentPeriod.TryParse(text, out var p)
        ? p
        : throw new CliInputException($"评分期格式错误：{text}（应为 2024 或 2024Q3）");

    /// <summary>Opens an existing warehouse and brings the metric tables up to date with the latest load.</summary>
    public static WarehouseDatabase OpenFresh(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"找不到仓库文件 {path} (warehouse file not found)");
        }

        var warehouse = WarehouseDatabase.Open(path);
        using var connection = warehouse.Connect();
        if (IndicatorEngine.RefreshIfStale(connection) is { } refresh)
        {
            Console.Error.WriteLine($"已重算指标：{refresh.IndicatorValues:N0} 个指标值，用时 {refresh.Elapsed.TotalMilliseconds:N0} ms");
            if (Environment.GetEnvironmentVariable("ANALYTICS_METRICS_TRACE") == "1")
            {
                Console.Error.WriteLine(string.Join("; ", refresh.StepMs!.Select(s => $"{s.Key} {s.Value} ms")));
            }
        }

        return warehouse;
    }

    public static string Csv(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
