using Analytics.DemoData;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.TestSupport;

/// <summary>
/// A temporary folder with a generated demo drop (default seed) loaded through the real <see cref="SourceQuarterLoader"/>
/// into a fresh warehouse (<c>drop/</c> and <c>warehouse.duckdb</c>): the one way the test projects build a demo
/// warehouse. The loader's connections are closed when <see cref="Create"/> returns, so a host may open the file next.
/// </summary>
public sealed class DemoWarehouse
{
    /// <summary>The fixed pseudonym key of the tests, so pseudonyms compare across warehouses and runs.</summary>
    public const string TestKeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private DemoWarehouse(string root, WarehouseDatabase warehouse)
    {
        Root = root;
        Warehouse = warehouse;
    }

    public string Root { get; }

    public string DropFolder => Path.Combine(Root, "drop");

    public string DatabasePath => Warehouse.Path;

    public string GroundTruthPath => Path.Combine(DropFolder, DropLayout.GroundTruthFileName);

    /// <summary>The loaded warehouse (no connection held open).</summary>
    public WarehouseDatabase Warehouse { get; }

    /// <summary>Generates the quarters <paramref name="from"/>–<paramref name="to"/> and loads every feed and quarter;
    /// <paramref name="hardAnomalies"/> adds the generator's harder combination anomalies (`demo generate --hard-anomalies`).</summary>
    public static DemoWarehouse Create(string prefix, Quarter from, Quarter to, string keyHex = TestKeyHex, bool hardAnomalies = false)
    {
        var root = TempFolder.NewPath(prefix);
        var drop = Path.Combine(root, "drop");
        new DemoDataGenerator().Generate(new DemoOptions(drop, DemoOptions.DefaultSeed, from, to, HardAnomalies: hardAnomalies));
        var warehouse = WarehouseDatabase.Open(Path.Combine(root, "warehouse.duckdb"));
        new SourceQuarterLoader(warehouse, PseudonymKey.FromText(keyHex, "tests")).LoadAll(new FileDropSource(drop), "test");
        return new DemoWarehouse(root, warehouse);
    }

    /// <summary>Removes the folder; a file still held open is left for the OS to clean up with the temp folder.</summary>
    public void Delete() => TempFolder.Delete(Root);
}
