namespace Analytics.Charts;

/// <summary>
/// Radar (profile) chart: one axis per label from 0 to <c>maximum</c>, one polygon per series (a 街镇 against its district
/// median); null values are left empty ("-"), never drawn as zero.
/// </summary>
public static class RadarChart
{
    public static object Options(IReadOnlyList<string> axes, decimal maximum, params ChartSeries[] series) => new
    {
        tooltip = new { trigger = "item" },
        legend = new { show = true, bottom = 0 },
        radar = new { radius = "50%", axisName = new { fontSize = 11 }, indicator = axes.Select(a => new { name = Wrap(a), max = maximum, min = 0 }).ToArray() },
        series = new[]
        {
            new
            {
                type = "radar",
                data = series.Select(s => new { name = s.Name, value = s.Values.Select(v => v ?? (object)"-").ToArray() }).ToArray(),
            },
        },
    };

    /// <summary>
    /// A long section name on lines of <see cref="LineLength"/> characters: on a phone the names stand beside the radar
    /// and a one-line name ran off the chart.
    /// </summary>
    public static string Wrap(string name) =>
        name.Length <= LineLength ? name : string.Join('\n', name.Chunk(LineLength).Select(chunk => new string(chunk)));

    private const int LineLength = 6;
}
