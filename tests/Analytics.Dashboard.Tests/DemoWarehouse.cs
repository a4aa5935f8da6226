using Analytics.DemoData;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// A temporary folder with a small generated demo drop (2024Q3–2024Q4) loaded through <see cref="SourceQuarterLoader"/>
/// into a fresh warehouse: what the in-memory host (<see cref="DashboardFixture"/>) and the real host process of the
/// browser tests serve. Loaded before a host opens the file; the loader's connections are closed when this returns.
/// </summary>
public sealed class DemoWarehouse
{
    public const string KeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    public static readonly Quarter[] Quarters = [new(2024, 3), new(2024, 4)];

    private DemoWarehouse(string root)
    {
        Root = root;
        DropFolder = Path.Combine(root, "drop");
        DatabasePath = Path.Combine(root, "warehouse.duckdb");
    }

    public string Root { get; }

    public string DropFolder { get; }

    public string DatabasePath { get; }

    public static DemoWarehouse Create(string name)
    {
        var demo = new DemoWarehouse(Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}"));
        new DemoDataGenerator().Generate(new DemoOptions(demo.DropFolder, DemoOptions.DefaultSeed, Quarters[0], Quarters[^1]));
        var warehouse = WarehouseDatabase.Open(demo.DatabasePath);
        new SourceQuarterLoader(warehouse, PseudonymKey.FromText(KeyHex, "tests")).LoadAll(new FileDropSource(demo.DropFolder), "test");
        return demo;
    }

    /// <summary>Removes the folder; a file still held open is left for the OS to clean up with the temp folder.</summary>
    public void Delete()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // The database may still be held by a pooled instance.
        }
    }
}
