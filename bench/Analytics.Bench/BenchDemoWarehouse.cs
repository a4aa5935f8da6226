using System.Diagnostics;
using Analytics.DemoData;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.Bench;

/// <summary>
/// A demo warehouse of the benchmarks, generated, loaded and refreshed once into the bench folder and reused after.
/// A marker file written last tells a complete warehouse from one whose build was interrupted.
/// </summary>
internal static class BenchDemoWarehouse
{
    public static WarehouseDatabase Ensure(string workDirectory, string name, Quarter from, Quarter to, TextWriter output)
    {
        Directory.CreateDirectory(workDirectory);
        var path = Path.Combine(workDirectory, $"{name}.duckdb");
        var ready = Path.Combine(workDirectory, $"{name}.ready");
        if (File.Exists(path) && File.Exists(ready))
        {
            output.WriteLine($"复用演示仓库 (reusing) {path}");
            return WarehouseDatabase.Open(path);
        }

        var clock = Stopwatch.StartNew();
        var drop = Path.Combine(workDirectory, $"{name}-drop");
        if (Directory.Exists(drop))
        {
            Directory.Delete(drop, recursive: true);
        }

        File.Delete(path);
        File.Delete(path + ".wal");
        new DemoDataGenerator().Generate(new DemoOptions(drop, DemoOptions.DefaultSeed, from, to));
        var warehouse = WarehouseDatabase.Open(path);
        new SourceQuarterLoader(warehouse, PseudonymKey.FromText(new string('b', 64), "bench")).LoadAll(new FileDropSource(drop), "bench");
        using (var connection = warehouse.Connect())
        {
            IndicatorEngine.Refresh(connection);
        }

        File.WriteAllText(ready, DateTime.UtcNow.ToString("O"));
        output.WriteLine($"演示仓库已生成并装载 (demo warehouse {from}–{to}): {clock.Elapsed.TotalSeconds:F1} s → {path}");
        return warehouse;
    }
}
