namespace Analytics.Charts;

/// <summary>Horizontal bars, one per row label, top to bottom in the given order (rankings, 街镇 comparisons).</summary>
public static class BarChart
{
    public static object Options(string seriesName, IReadOnlyList<string> labels, IReadOnlyList<decimal?> values) => new
    {
        tooltip = new { trigger = "axis" },
        grid = new { left = 96, right = 16, top = 16, bottom = 24 },
        xAxis = new { type = "value" },
        yAxis = new { type = "category", inverse = true, data = labels, axisLabel = new { interval = 0 } },
        series = new[] { new { name = seriesName, type = "bar", data = values } },
    };
}
