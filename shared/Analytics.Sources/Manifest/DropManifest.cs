using System.Text.Json;

namespace Analytics.Sources.Manifest;

/// <summary>What a publisher says it delivered for one file: data rows (header excluded), bytes and SHA-256.</summary>
public sealed record ManifestFile(string Path, long Rows, long Bytes, string? Sha256);

/// <summary>
/// The files listed in a drop's <c>manifest.json</c> (docs/sources.md), keyed by their path relative to the drop root.
/// The loader reads only <c>files[].path|rows|bytes|sha256</c>; publishers may add other fields.
/// </summary>
public sealed class DropManifest
{
    private readonly Dictionary<string, ManifestFile> _files;

    private DropManifest(Dictionary<string, ManifestFile> files) => _files = files;

    public IReadOnlyCollection<ManifestFile> Files => _files.Values;

    public ManifestFile? Find(string relativePath) => _files.GetValueOrDefault(relativePath);

    /// <summary>The manifest of the drop at <paramref name="root"/>, or null when the drop has none.</summary>
    /// <exception cref="FormatException">The manifest exists but cannot be read; the message is Chinese and names it.</exception>
    public static DropManifest? Read(string root)
    {
        var path = System.IO.Path.Combine(root, DropLayout.ManifestFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var files = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.GetProperty("files").EnumerateArray())
            {
                var file = new ManifestFile(
                    entry.GetProperty("path").GetString() ?? throw new FormatException("path"),
                    entry.GetProperty("rows").GetInt64(),
                    entry.GetProperty("bytes").GetInt64(),
                    entry.TryGetProperty("sha256", out var sha) ? sha.GetString() : null);
                files[file.Path] = file;
            }

            return new DropManifest(files);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{DropLayout.ManifestFileName}：无法读取清单（应含 files[].path/rows/bytes/sha256）：{ex.Message}", ex);
        }
    }
}
