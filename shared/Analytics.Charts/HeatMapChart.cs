namespace Analytics.Charts;

/// <summary>Heat map of rows (街镇) by columns (rubric sections) of shares from 0 to 100; null cells show "-".</summary>
public static class HeatMapChart
{
    public static object Options(string seriesName, IReadOnlyList<string> columns, IReadOnlyList<string> rows, Func<int, int, decimal?> share)
    {
        var data = rows.SelectMany((_, y) => columns.Select((_, x) => new object?[] { x, y, share(y, x) ?? (object)"-" })).ToArray();
        return new
        {
            tooltip = new { position = "top" },
            // The colour scale stands on the right: below the grid it ran into the long rotated section names.
            grid = new { left = 110, right = 72, top = 16, bottom = 112 },
            // Steep enough that neighbouring names clear each other on a phone's narrow columns; cut rather than overlap.
            xAxis = new { type = "category", data = columns, axisLabel = new { interval = 0, rotate = 60, width = 104, overflow = "truncate" } },
            yAxis = new { type = "category", inverse = true, data = rows, axisLabel = new { width = 100, overflow = "truncate" } },
            visualMap = new { min = 0, max = 100, calculable = true, orient = "vertical", right = 0, top = "center", itemHeight = 120, text = new[] { "100%", "0%" } },
            series = new[] { new { name = seriesName, type = "heatmap", data, label = new { show = true } } },
        };
    }
}
