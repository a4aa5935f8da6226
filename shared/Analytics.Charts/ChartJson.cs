using System.Text.Encodings.Web;
using System.Text.Json;

namespace Analytics.Charts;

/// <summary>Serialises chart options for the data-chart attribute that Scripts/charts.js draws.</summary>
public static class ChartJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(object options) => JsonSerializer.Serialize(options, Options);
}
