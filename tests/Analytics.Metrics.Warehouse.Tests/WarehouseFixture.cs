using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Sources;
using Analytics.TestSupport;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>
/// One real demo drop (2023Q1–2024Q4, default seed) generated and loaded through the real loader once per test run,
/// with the metric tables computed. Tests that write (judgements, scores) use their own rubric periods or towns.
/// </summary>
public sealed class WarehouseFixture : IDisposable
{
    public static readonly Quarter From = new(2023, 1);
    public static readonly Quarter To = new(2024, 4);

    private readonly DemoWarehouse _demo;

    public WarehouseFixture()
    {
        _demo = DemoWarehouse.Create("metrics-wh-tests", From, To, new string('a', 64));
        Connection = Warehouse.Connect();
        Refresh = IndicatorEngine.Refresh(Connection);
    }

    public string Root => _demo.Root;
    public string Drop => _demo.DropFolder;
    public string TruthPath => _demo.GroundTruthPath;
    public WarehouseDatabase Warehouse => _demo.Warehouse;
    public DuckDBConnection Connection { get; }
    public IndicatorRefresh Refresh { get; }

    public T? Scalar<T>(string sql, params object?[] parameters) => WarehouseSql.Scalar<T>(Connection, sql, parameters);

    public List<object?[]> Rows(string sql, params object?[] parameters)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is System.Numerics.BigInteger big ? (decimal)big : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        Connection.Dispose();
        _demo.Delete();
    }
}

[CollectionDefinition(Name)]
public sealed class WarehouseCollection : ICollectionFixture<WarehouseFixture>
{
    public const string Name = "warehouse";
}
