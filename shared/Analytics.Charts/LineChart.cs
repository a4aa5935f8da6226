namespace Analytics.Charts;

/// <summary>Line chart of one or more series over quarters; a null value is a gap, never a number.</summary>
public static class LineChart
{
    public static object Options(IReadOnlyList<string> categories, params ChartSeries[] series) => new
    {
        tooltip = new { trigger = "axis" },
        legend = series.Length > 1 ? new { show = true, top = 0 } : null,
        grid = new { left = 48, right = 16, top = series.Length > 1 ? 28 : 16, bottom = 24 },
        xAxis = new { type = "category", data = categories },
        yAxis = new { type = "value" },
        series = series.Select(s => new { name = s.Name, type = "line", connectNulls = false, data = s.Values }).ToArray(),
    };
}

/// <summary>A named series of values in category order (null: no value shown).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);
