using Analytics.DemoData;
using Analytics.DuckDb;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>
/// One real demo drop (2023Q1–2024Q4, default seed) generated and loaded through the real loader once per test run,
/// with the metric tables computed. Tests that write (judgements, scores) use their own rubric periods or towns.
/// </summary>
public sealed class WarehouseFixture : IDisposable
{
    public static readonly Quarter From = new(2023, 1);
    public static readonly Quarter To = new(2024, 4);

    public WarehouseFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "metrics-wh-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Drop = Path.Combine(Root, "drop");
        new DemoDataGenerator().Generate(new DemoOptions(Drop, DemoOptions.DefaultSeed, From, To));
        Warehouse = WarehouseDatabase.Open(Path.Combine(Root, "warehouse.duckdb"));
        var key = PseudonymKey.FromText(new string('a', 64), "tests");
        new SourceQuarterLoader(Warehouse, key).LoadAll(new FileDropSource(Drop), "test");

        Connection = Warehouse.Connect();
        Refresh = IndicatorEngine.Refresh(Connection);
    }

    public string Root { get; }
    public string Drop { get; }
    public string TruthPath => Path.Combine(Drop, "ground_truth.json");
    public WarehouseDatabase Warehouse { get; }
    public DuckDbConnection Connection { get; }
    public IndicatorRefresh Refresh { get; }

    public T? Scalar<T>(string sql, params object?[] parameters) => Sql.Scalar<T>(Connection, sql, parameters);

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
public sealed class WarehouseCollection : ICollectionFixture<WarehouseFixture>
{
    public const string Name = "warehouse";
}
