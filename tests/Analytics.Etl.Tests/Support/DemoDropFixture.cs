using Analytics.DemoData;
using Analytics.Sources;

namespace Analytics.Etl.Tests.Support;

/// <summary>
/// One demo drop (default seed, 2023Q1–2024Q4) generated once per test run. 2023 is there for the
/// Songjiang calibration; tests that corrupt files copy what they need into their own folder.
/// </summary>
public sealed class DemoDropFixture : IDisposable
{
    public static readonly Quarter From = Quarter.Parse("2023Q1");
    public static readonly Quarter To = Quarter.Parse("2024Q4");

    public DemoDropFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "etl-tests-drop-" + Guid.NewGuid().ToString("N"));
        Result = new DemoDataGenerator().Generate(new DemoOptions(Root, DemoOptions.DefaultSeed, From, To));
    }

    /// <summary>The generated drop; read-only for tests (copy before changing anything).</summary>
    public string Root { get; }

    public GenerationResult Result { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EtlCollection : ICollectionFixture<DemoDropFixture>
{
    // One collection: the tests share the drop and run one after another (DuckDB already uses both cores).
    public const string Name = "etl loads";
}
