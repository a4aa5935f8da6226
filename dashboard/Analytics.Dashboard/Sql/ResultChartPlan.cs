using System.Globalization;
using Analytics.Charts;
using Analytics.Dashboard.SavedQueries;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// The chart of a console result: which columns can be the category (x) axis and which are numeric series, the
/// settings in force (the requested ones where they fit the result, else the defaults: the first text or date column
/// as x, every other numeric column as a series), and the ECharts options, or why there is no chart. At most
/// <see cref="MaxPoints"/> rows are drawn, and the plan says so when the result has more.
/// </summary>
public sealed record ResultChartPlan(
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> NumericColumns,
    ChartSettings Settings,
    object? Options,
    string? Refusal,
    string? CapNotice)
{
    public const int MaxPoints = 500;

    public const string NoNumericColumn = "结果中没有可画的数值列，无法画图：请在 SQL 中选出至少一列数字（例如 count(*)）。";

    /// <summary>
    /// The plan for <paramref name="result"/>; <paramref name="requested"/> null (no chart asked for) gives the default
    /// settings for the form, no options and no refusal.
    /// </summary>
    public static ResultChartPlan For(SqlResult result, ChartSettings? requested)
    {
        var columns = result.Columns.Select(c => c.Name).ToList();
        var numeric = result.Columns.Where(c => IsNumeric(c.Type)).Select(c => c.Name).ToList();
        var x = requested?.X is { } wanted && columns.Contains(wanted)
            ? wanted
            : result.Columns.FirstOrDefault(c => !IsNumeric(c.Type))?.Name ?? columns.FirstOrDefault();
        var candidates = numeric.Where(n => n != x).ToList();
        var chosen = requested?.Series.Where(candidates.Contains).Distinct().ToList() ?? [];
        var settings = new ChartSettings(requested?.Kind ?? ChartSettings.Bar, x, chosen.Count > 0 ? chosen : candidates);
        if (requested is null)
        {
            return new ResultChartPlan(columns, numeric, settings, null, null, null);
        }

        if (candidates.Count == 0 || x is null)
        {
            return new ResultChartPlan(columns, numeric, settings, null, NoNumericColumn, null);
        }

        var rows = result.Rows.Take(MaxPoints).ToList();
        var xIndex = columns.IndexOf(x);
        var categories = rows.Select(r => r[xIndex] ?? "NULL").ToArray();
        var series = settings.Series
            .Select(name => new ChartSeries(name, rows.Select(r => Number(r[columns.IndexOf(name)])).ToArray()))
            .ToArray();
        var options = settings.Kind == ChartSettings.Line ? LineChart.Options(categories, series) : ColumnChart.Options(categories, series);
        var notice = result.TotalRows > rows.Count
            ? $"图中只画出前 {rows.Count.ToString("N0", CultureInfo.InvariantCulture)} 行（每张图最多 {MaxPoints.ToString("N0", CultureInfo.InvariantCulture)} 个点），结果共 {result.TotalRows.ToString("N0", CultureInfo.InvariantCulture)} 行。"
            : null;
        return new ResultChartPlan(columns, numeric, settings, options, null, notice);
    }

    /// <summary>DuckDB's numeric types, by the type name the console shows (DECIMAL(18,2) included).</summary>
    public static bool IsNumeric(string type) =>
        type.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase)
        || NumericTypes.Contains(type);

    private static readonly HashSet<string> NumericTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
        "FLOAT", "DOUBLE", "REAL",
    };

    // A cell the chart cannot read as a number (NULL, NaN, infinity) is a gap, never zero.
    private static decimal? Number(string? cell) =>
        decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
