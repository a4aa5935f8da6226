namespace Analytics.Charts;

/// <summary>Vertical bars of one or more series over categories, side by side per category (a console result); null is no bar.</summary>
public static class ColumnChart
{
    public static object Options(IReadOnlyList<string> categories, params ChartSeries[] series) => new
    {
        tooltip = new { trigger = "axis" },
        legend = series.Length > 1 ? new { show = true, top = 0 } : null,
        grid = new { left = 64, right = 16, top = series.Length > 1 ? 28 : 16, bottom = 24, containLabel = true },
        xAxis = new { type = "category", data = categories, axisLabel = new { hideOverlap = true } },
        yAxis = new { type = "value" },
        series = series.Select(s => new { name = s.Name, type = "bar", data = s.Values }).ToArray(),
    };
}
