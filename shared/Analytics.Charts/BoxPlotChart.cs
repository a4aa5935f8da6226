namespace Analytics.Charts;

/// <summary>Box plot of pre-computed five-number summaries (minimum, lower quartile, median, upper quartile, maximum), one box per category.</summary>
public static class BoxPlotChart
{
    public static object Options(string seriesName, IReadOnlyList<string> categories, IReadOnlyList<decimal[]> boxes) => new
    {
        tooltip = new { trigger = "item" },
        grid = new { left = 48, right = 16, top = 16, bottom = 72 },
        xAxis = new { type = "category", data = categories, axisLabel = new { interval = 0, rotate = 30 } },
        yAxis = new { type = "value", min = 0, max = 100 },
        series = new[] { new { name = seriesName, type = "boxplot", data = boxes } },
    };
}
