using Analytics.DemoData;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.Forecasting.Tests;

/// <summary>
/// The demo drop 2022Q1–2024Q4 (default seed) with the hard anomalies, loaded through the real loader once per run. The
/// shared metrics fixture starts in 2023, but the 2023 backtest needs 2022 to train on, and the detector comparison
/// needs the hard anomalies.
/// </summary>
public sealed class HardAnomalyWarehouse : IDisposable
{
    public HardAnomalyWarehouse()
    {
        Root = Path.Combine(Path.GetTempPath(), "forecasting-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Drop = Path.Combine(Root, "drop");
        new DemoDataGenerator().Generate(new DemoOptions(Drop, DemoOptions.DefaultSeed, new Quarter(2022, 1), new Quarter(2024, 4), HardAnomalies: true));
        var warehouse = WarehouseDatabase.Open(Path.Combine(Root, "warehouse.duckdb"));
        new SourceQuarterLoader(warehouse, PseudonymKey.FromText(new string('a', 64), "tests")).LoadAll(new FileDropSource(Drop), "test");
        Connection = warehouse.Connect();
        IndicatorEngine.Refresh(Connection);
    }

    public string Root { get; }
    public string Drop { get; }
    public string TruthPath => Path.Combine(Drop, "ground_truth.json");
    public DuckDBConnection Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HardAnomalyCollection : ICollectionFixture<HardAnomalyWarehouse>
{
    public const string Name = "hard-anomaly warehouse";
}
