using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Sources;
using Analytics.TestSupport;

namespace Analytics.Forecasting.Tests;

/// <summary>
/// The demo drop 2022Q1–2024Q4 (default seed) with the hard anomalies, built by the shared <see cref="DemoWarehouse"/>
/// once per run with the metric tables refreshed. The shared metrics fixture starts in 2023, but the 2023 backtest needs
/// 2022 to train on, and the detector comparison needs the hard anomalies.
/// </summary>
public sealed class HardAnomalyWarehouse : IDisposable
{
    private readonly DemoWarehouse _demo;

    public HardAnomalyWarehouse()
    {
        _demo = DemoWarehouse.Create("forecasting-tests", new Quarter(2022, 1), new Quarter(2024, 4), new string('a', 64), hardAnomalies: true);
        Connection = _demo.Warehouse.Connect();
        IndicatorEngine.Refresh(Connection);
    }

    public string DatabasePath => _demo.DatabasePath;

    public string Drop => _demo.DropFolder;

    public string TruthPath => _demo.GroundTruthPath;

    public DuckDBConnection Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        _demo.Delete();
    }
}

[CollectionDefinition(Name)]
public sealed class HardAnomalyCollection : ICollectionFixture<HardAnomalyWarehouse>
{
    public const string Name = "hard-anomaly warehouse";
}
