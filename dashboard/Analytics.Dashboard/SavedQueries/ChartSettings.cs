using System.Text.Json;

namespace Analytics.Dashboard.SavedQueries;

/// <summary>
/// How a console result is drawn: <see cref="Kind"/> <c>bar</c> or <c>line</c>, the category column on the x axis and
/// the numeric columns drawn as series. Null columns mean "the defaults" (<see cref="Sql.ResultChartPlan"/>).
/// </summary>
public sealed record ChartSettings(string Kind, string? X, IReadOnlyList<string> Series)
{
    public const string Bar = "bar";
    public const string Line = "line";

    public static bool IsKind(string? kind) => kind is Bar or Line;

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The settings stored with a saved query; null for none or for JSON this version does not understand.</summary>
    public static ChartSettings? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var settings = JsonSerializer.Deserialize<ChartSettings>(json);
            return settings is not null && IsKind(settings.Kind) ? settings with { Series = settings.Series ?? [] } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
