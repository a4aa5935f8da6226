using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Forecasting;
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

    /// <summary>A rubric and a period of its year (a 2024 score must come from a 2024 scheme).</summary>
    public static (Rubric Rubric, AssessmentPeriod Period) RubricPeriod(string rubricId, string periodText)
    {
        var rubric = Rubric(rubricId);
        var period = Period(periodText);
        return period.Year == rubric.Year ? (rubric, period) : throw new CliInputException($"评分期 {period} 与评分方案 {rubric.Id} 的年度 {rubric.Year} 不一致");
    }

    /// <summary>The console tables are written to: plain text 160 columns wide when piped, the terminal otherwise.</summary>
    public static Spectre.Console.IAnsiConsole TableConsole()
    {
        if (!Console.IsOutputRedirected)
        {
            return Spectre.Console.AnsiConsole.Console;
        }

        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No, ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary>
    /// Opens an existing warehouse and brings the metric tables and the learned outputs up to date with the latest load.
    /// The command line trains synchronously (seconds, once per data version): it has no warm-up to do it beforehand, and
    /// its `score`, `report` and `anomalies` then show the model projections and combination flags of the current data.
    /// </summary>
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

        if (LearnedRefresh.RefreshIfStale(connection) is { } learned)
        {
            Console.Error.WriteLine($"已计算模型预计与组合异常：{learned.Projections:N0} 条区级预计、{learned.CombinationFlags:N0} 条组合异常，用时 {learned.Elapsed.TotalMilliseconds:N0} ms");
        }

        return warehouse;
    }

    public static string Csv(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
