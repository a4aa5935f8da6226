using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.DemoData.Anomalies;
using Analytics.Sources;

namespace Analytics.DemoData.Writers;

/// <summary>Writes manifest.json and ground_truth.json at the drop root (no timestamps, so they are deterministic too).</summary>
public static class JsonFiles
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void WriteGroundTruth(GenerationContext context)
    {
        var document = new GroundTruthDocument(context.Seed, context.Options.From.ToString(), context.Options.To.ToString(),
            context.Plan.Anomalies.Select(a => new GroundTruthEntry(a.Id, a.Kind, a.DistrictCode, a.District, a.Town, a.Quarter,
                a.Feed, a.File, a.Indicator, a.Description, a.Magnitude, a.MagnitudeUnit, a.Baseline, a.Observed)).ToList());
        File.WriteAllText(context.FullPath(DropLayout.GroundTruthFileName), JsonSerializer.Serialize(document, Options) + "\n");
    }

    public static void WriteManifest(GenerationContext context, IReadOnlyList<GeneratedFile> files)
    {
        var document = new ManifestDocument(context.Seed, context.Options.From.ToString(), context.Options.To.ToString(),
            context.Options.Scale, context.Towns.Count, files.Sum(f => f.Rows),
            files.Select(f => new ManifestEntry(f.Path, f.Feed, f.File, f.Quarter, f.Rows, f.Bytes, f.Sha256)).ToList());
        File.WriteAllText(context.FullPath(DropLayout.ManifestFileName), JsonSerializer.Serialize(document, Options) + "\n");
    }
}

/// <summary>ground_truth.json: the anomalies a detector should find.</summary>
public sealed record GroundTruthDocument(long Seed, string From, string To, IReadOnlyList<GroundTruthEntry> Anomalies);

/// <summary>One injected anomaly in ground_truth.json.</summary>
public sealed record GroundTruthEntry(
    string Id, AnomalyKind Kind, string DistrictCode, string District, string Town, string Quarter, string Feed, string File,
    string Indicator, string Description, decimal Magnitude, string MagnitudeUnit, decimal? Baseline, decimal? Observed);

/// <summary>manifest.json: what was generated.</summary>
public sealed record ManifestDocument(long Seed, string From, string To, DemoScale Scale, int Towns, long TotalRows, IReadOnlyList<ManifestEntry> Files);

/// <summary>One file in manifest.json: the loader checks rows, bytes and SHA-256 (DropManifest).</summary>
public sealed record ManifestEntry(string Path, string Feed, string File, string Quarter, long Rows, long Bytes, string Sha256);
