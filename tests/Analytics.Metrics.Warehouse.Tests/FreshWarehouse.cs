using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>An empty warehouse (dimensions seeded) in a temporary folder, for tests that write their own fact rows.</summary>
public sealed class FreshWarehouse : IDisposable
{
    public const string Songjiang = "310117";
    private readonly string _folder = Directory.CreateTempSubdirectory("fresh-warehouse-").FullName;
    private readonly WarehouseDatabase _warehouse;

    public FreshWarehouse()
    {
        _warehouse = WarehouseDatabase.Open(Path.Combine(_folder, "w.duckdb"));
        Connection = _warehouse.Connect();
        Yueyang = WarehouseSql.Scalar<int>(Connection, "SELECT town_key FROM dim_region WHERE district_code = $1 AND town_name = '岳阳街道'", Songjiang);
    }

    public DuckDBConnection Connection { get; }

    /// <summary>The town key of 松江区岳阳街道.</summary>
    public int Yueyang { get; }

    public void Execute(string sql) => WarehouseSql.Execute(Connection, sql);

    /// <summary>Records a succeeded load of the feed and quarter, as the loader's bookkeeping would.</summary>
    public void Loaded(long runId, string feed, int quarterKey) => Execute(
        $"INSERT INTO etl_run (run_id, feed, quarter_key, transport, origin, trigger, started_at, status) " +
        $"VALUES ({runId}, '{feed}', {quarterKey}, 'files', 'test', 'cli', TIMESTAMP '2024-10-15 00:00:00', 'succeeded')");

    public void Dispose()
    {
        Connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
