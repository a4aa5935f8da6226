namespace Analytics.Charts;

/// <summary>
/// The two scripts that draw charts, as they sit in the build output: Apache ECharts and our Scripts/charts.js,
/// which draws every <c>data-chart</c> element. The dashboard serves them; the briefings inline them before printing.
/// </summary>
public static class ChartScripts
{
    public static string EChartsPath => Path.Combine(AppContext.BaseDirectory, "lib", "echarts", "echarts.min.js");

    public static string DrawingScriptPath => Path.Combine(AppContext.BaseDirectory, "lib", "charts", "charts.js");
}
