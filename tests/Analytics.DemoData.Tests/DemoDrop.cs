using System.Text.Json;
using Analytics.Sources;
using Analytics.TestSupport;

namespace Analytics.DemoData.Tests;

/// <summary>One full demo drop (default seed, 2022Q1–2025Q4) generated once for all tests that read files back.</summary>
public sealed class DemoDrop() : GeneratedDemoDrop("demo-drop-tests", DemoOptions.DefaultFrom, DemoOptions.DefaultTo)
{
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
}

[CollectionDefinition(Name)]
public sealed class DemoDropCollection : ICollectionFixture<DemoDrop>
{
    public const string Name = "demo drop";
}
