using Analytics.DemoData;
using Analytics.Sources;

namespace Analytics.Etl.Scheduling.Tests;

/// <summary>A small demo drop (default seed, 2024Q2–2024Q3) generated once for every test.</summary>
public sealed class DemoDrop : IDisposable
{
    public static readonly Quarter First = new(2024, 2);
    public static readonly Quarter Last = new(2024, 3);

    public DemoDrop()
    {
        Root = Path.Combine(Path.GetTempPath(), "scheduling-tests-drop-" + Guid.NewGuid().ToString("N"));
        new DemoDataGenerator().Generate(new DemoOptions(Root, DemoOptions.DefaultSeed, First, Last));
    }

    public string Root { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoDropCollection : ICollectionFixture<DemoDrop>
{
    public const string Name = "demo drop";
}
