using System.Text.Json;
using Analytics.Sources;

namespace Analytics.DemoData.Tests;

/// <summary>One full demo drop (default seed, 2022Q1–2025Q4) generated once for all tests that read files back.</summary>
public sealed class DemoDrop : IDisposable
{
    public DemoDrop()
    {
        Root = Path.Combine(Path.GetTempPath(), "demo-drop-tests-" + Guid.NewGuid().ToString("N"));
        Result = new DemoDataGenerator().Generate(new DemoOptions(Root, DemoOptions.DefaultSeed, DemoOptions.DefaultFrom, DemoOptions.DefaultTo));
    }

    public string Root { get; }

    public GenerationResult Result { get; }

    public string PathOf(string feed, string file, string quarter) => Path.Combine(Root, feed, quarter, file + ".csv");

    // Several tests read the same large files; parse each once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CsvFile>> _cache = new();

    public CsvFile Read(string feed, string file, string quarter)
    {
        var path = PathOf(feed, file, quarter);
        return _cache.GetOrAdd(path, p => new Lazy<CsvFile>(() => CsvFile.Read(p))).Value;
    }

    public IEnumerable<CsvFile> ReadYear(string feed, string file, int year) =>
        Enumerable.Range(1, 4).Select(q => Read(feed, file, $"{year}Q{q}"));

    public JsonElement GroundTruth() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, DropLayout.GroundTruthFileName))).RootElement;

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class DemoDropCollection : ICollectionFixture<DemoDrop>
{
    public const string Name = "demo drop";
}
