using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Analytics.DemoData;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;
using Microsoft.Data.Sqlite;

namespace Analytics.Bench;

/// <summary>
/// `bench score`: on the city-scale warehouse of `bench etl`, times the indicator refresh and the scoring of every rubric
/// for every town and period, and runs the same per-town, per-quarter indicator queries on a SQLite copy of the same star
/// schema (Microsoft.Data.Sqlite) as the peer. The SQLite copy is made once and reused.
/// </summary>
public sealed class ScoreBenchmark(string workDirectory, TextWriter output)
{
    public void Run(bool demoOnly = false)
    {
        if (demoOnly)
        {
            RunDemoScale();
            return;
        }

        var source = Path.Combine(workDirectory, "bench_etl.duckdb");
        if (!File.Exists(source))
        {
            throw new BenchInputException($"找不到全市规模仓库 {source}，请先运行 `analytics bench etl --dir {workDirectory}` (run bench etl first)");
        }

        RunDemoScale();

        // Work on a copy: the ETL benchmark owns its file, and scoring writes metric tables.
        var path = Path.Combine(workDirectory, "bench_score.duckdb");
        File.Copy(source, path, overwrite: true);
        var warehouse = WarehouseDatabase.Open(path);
        using var connection = warehouse.Connect();
        var towns = Count(connection, "SELECT count(*) FROM dim_region");
        var facts = Count(connection, "SELECT sum(rows_loaded) FROM etl_run WHERE status = 'succeeded'");
        output.WriteLine($"全市规模仓库 (city-scale warehouse): {towns} 街镇, {facts:N0} 行事实数据");

        var refresh = IndicatorEngine.Refresh(connection);
        var (results, scoring) = ScoreAll.Run(connection);
        var (_, warm) = ScoreAll.Run(connection);
        var total = refresh.Elapsed + scoring;
        output.WriteLine($"指标计算 (indicator refresh): {refresh.Elapsed.TotalSeconds,7:F2} s  {refresh.IndicatorValues:N0} 个指标值 (town/district/city × quarter/year, 同比/环比)");
        output.WriteLine($"评分 (score {RubricCatalog.All.Count} rubrics × 5 periods): {scoring.TotalSeconds,7:F2} s  {results:N0} 个评分结果（首次，含 JIT）；再次 (warm) {warm.TotalSeconds:F2} s");
        output.WriteLine($"合计 (refresh + score): {total.TotalSeconds,7:F2} s   (目标 target < 10 s)");

        // The peer: the same aggregate queries over the same facts. Quantities using DuckDB-only date functions are left out on both sides.
        var queries = QuantityCatalog.All.Where(q => !q.Expression.Contains("year(", StringComparison.Ordinal))
            .GroupBy(q => q.FactTable)
            .Select(g => (Table: g.Key, Sql: $"SELECT f.town_key, f.quarter_key, {string.Join(", ", g.Select(q => q.Expression))} FROM {g.Key} f " +
                                              "WHERE f.town_key IS NOT NULL GROUP BY f.town_key, f.quarter_key"))
            .ToList();
        var sqlitePath = Path.Combine(workDirectory, "bench_score.sqlite");
        var copy = EnsureSqliteCopy(connection, sqlitePath, queries.Select(q => q.Table).ToList());
        if (copy is { } copied)
        {
            output.WriteLine($"SQLite 副本 (copy of the star schema): {copied.TotalSeconds:F1} s");
        }

        var (duckRows, duckSum, duckTime) = Time(() => RunAll(connection, queries.Select(q => q.Sql)));
        using var sqlite = new SqliteConnection($"Data Source={sqlitePath}");
        sqlite.Open();
        var (liteRows, liteSum, liteTime) = Time(() => RunAll(sqlite, queries.Select(q => q.Sql)));
        output.WriteLine($"指标查询 (same {queries.Count} indicator queries, {duckRows:N0} town-quarter rows):");
        output.WriteLine($"  DuckDB {duckTime.TotalSeconds,8:F2} s   SQLite {liteTime.TotalSeconds,8:F2} s   比值 (SQLite / DuckDB) {liteTime / duckTime,6:F1}×   (目标 target ≥ 10×)");
        output.WriteLine(duckRows == liteRows && Math.Abs(duckSum - liteSum) < 0.5m
            ? $"  结果一致 (same results): {duckRows:N0} 行, 合计 {duckSum:N0}"
            : $"  结果不一致 (results differ): DuckDB {duckRows:N0} 行 {duckSum:N0}; SQLite {liteRows:N0} 行 {liteSum:N0}");
    }

    /// <summary>The demo warehouse (48 街镇, 2022Q1–2025Q4, as ./run loads it): refresh and score everything, target under 1 s.</summary>
    private void RunDemoScale()
    {
        var warehouse = BenchDemoWarehouse.Ensure(workDirectory, "bench_score_demo", DemoOptions.DefaultFrom, DemoOptions.DefaultTo, output);
        using var connection = warehouse.Connect();
        var towns = Count(connection, "SELECT count(*) FROM dim_region");
        // The first round includes the JIT of the metrics code. The later rounds are what a running host pays after a
        // load once its code is compiled; .NET compiles hot code fully only after it has run a while, so the target is
        // judged on the median of rounds 2–5. Each round starts from a checkpointed file, as the host leaves it after
        // a load; the refresh and the scores commit into the write-ahead log, and folding that log into the file
        // afterwards is timed apart (the host does it after the next load or when it stops).
        var warm = new List<TimeSpan>();
        for (var round = 1; round <= 5; round++)
        {
            warehouse.Checkpoint();
            var refresh = IndicatorEngine.Refresh(connection);
            var (results, scoring) = ScoreAll.Run(connection);
            var total = refresh.Elapsed + scoring;
            var checkpoint = Stopwatch.StartNew();
            warehouse.Checkpoint();
            if (round > 1)
            {
                warm.Add(total);
            }

            var label = round == 1 ? "第 1 次，含 JIT (first, with JIT)" : $"第 {round} 次 (round {round})";
            output.WriteLine($"演示数据 (demo, {towns} 街镇) {label}: 指标计算 {refresh.Elapsed.TotalSeconds:F2} s + 评分 {results:N0} 个结果 {scoring.TotalSeconds:F2} s = {total.TotalSeconds:F2} s；随后检查点 (checkpoint afterwards) {checkpoint.Elapsed.TotalSeconds:F2} s");
            output.WriteLine("  步骤 (steps, ms): " + string.Join(", ", (refresh.StepMs ?? new Dictionary<string, long>()).Select(s => $"{s.Key} {s.Value}")));
        }

        warm.Sort();
        output.WriteLine($"演示数据全部评分 (demo fully scored), 第 2–5 次中位数 (median of rounds 2–5): {warm[warm.Count / 2].TotalSeconds:F2} s   (目标 target < 1 s)");
    }

    private static (long Rows, decimal Sum, TimeSpan Elapsed) Time(Func<(long, decimal)> run)
    {
        var clock = Stopwatch.StartNew();
        var (rows, sum) = run();
        return (rows, sum, clock.Elapsed);
    }

    private static (long Rows, decimal Sum) RunAll(DbConnection connection, IEnumerable<string> queries)
    {
        long rows = 0;
        var sum = 0m;
        foreach (var sql in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                for (var i = 2; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        sum += reader.GetValue(i) is System.Numerics.BigInteger b ? (decimal)b : Convert.ToDecimal(reader.GetValue(i), CultureInfo.InvariantCulture);
                    }
                }
            }
        }

        return (rows, sum);
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() is System.Numerics.BigInteger b ? (decimal)b : command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Copies the fact tables the queries read into SQLite (booleans as 0/1, dates as ISO text); reused when the row counts match.</summary>
    private static TimeSpan? EnsureSqliteCopy(DuckDBConnection duck, string path, IReadOnlyList<string> tables)
    {
        var expected = tables.ToDictionary(t => t, t => Count(duck, $"SELECT count(*) FROM {t}"));
        if (File.Exists(path))
        {
            using var existing = new SqliteConnection($"Data Source={path}");
            existing.Open();
            var same = tables.All(t =>
            {
                using var c = existing.CreateCommand();
                c.CommandText = $"SELECT count(*) FROM sqlite_master WHERE name = '{t}'";
                if ((long)c.ExecuteScalar()! == 0)
                {
                    return false;
                }

                c.CommandText = $"SELECT count(*) FROM {t}";
                return (long)c.ExecuteScalar()! == expected[t];
            });
            if (same)
            {
                return null;
            }
        }

        SqliteConnection.ClearAllPools();
        File.Delete(path);
        var clock = Stopwatch.StartNew();
        using var sqlite = new SqliteConnection($"Data Source={path}");
        sqlite.Open();
        using (var pragma = sqlite.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }

        foreach (var table in tables)
        {
            using var read = duck.CreateCommand();
            read.CommandText = $"SELECT * FROM {table}";
            using var reader = read.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            using var transaction = sqlite.BeginTransaction();
            using (var create = sqlite.CreateCommand())
            {
                create.CommandText = $"CREATE TABLE {table} ({string.Join(", ", columns)})";
                create.ExecuteNonQuery();
            }

            using var insert = sqlite.CreateCommand();
            insert.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            insert.Prepare();
            while (reader.Read())
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = reader.IsDBNull(i) ? DBNull.Value : reader.GetValue(i) switch
                    {
                        bool b => b ? 1 : 0,
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        decimal m => (double)m,
                        var v => v,
                    };
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return clock.Elapsed;
    }
}
