using System.Diagnostics;
using Analytics.DemoData;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Sources.Regions;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;

namespace Analytics.Bench;

/// <summary>
/// `bench etl`: generates (or reuses) a city-scale drop, then in one run times DuckDB's own read_csv
/// of the payment files against the full pipeline (parse, validate, pseudonymise, append) of the same
/// files over alternating rounds, then the full pipeline of every feed.
/// </summary>
public sealed class EtlBenchmark(string workDirectory, long seed, TextWriter output)
{
    public void Run(int rounds, bool paymentsOnly)
    {
        var drop = Path.Combine(workDirectory, "city-drop");
        EnsureDrop(drop);
        var source = new FileDropSource(drop);
        var regions = CityRegions(drop);
        var paymentFiles = Directory.GetFiles(Path.Combine(drop, "assistance"), "payments.csv", SearchOption.AllDirectories).Order().ToList();

        // The same read with the warehouse's column types: identifiers stay text (the extract format says they are
        // strings), which DuckDB stores at a higher cost than the integers its own type detection picks for them.
        var (typedCsv, csvRows) = ReadCsvTimed(paymentFiles, $", types = {WarehouseTypes(StarSchema.FactTables.First(t => t.Name == "fact_assistance_payments"))}");

        // Like for like: the same payment files through the whole pipeline, in a warehouse of their own, alternating
        // with the bare read over the rounds (this machine's speed drifts by a third within minutes).
        var paymentRounds = new List<PaymentRound>();
        TimeSpan ReadPaymentFiles()
        {
            var (elapsed, rows) = ReadCsvTimed(paymentFiles, "");
            return rows == csvRows ? elapsed
                : throw new InvalidOperationException($"救助金发放行数不一致 (payment rows differ): read_csv {rows}, typed read_csv {csvRows}");
        }

        for (var round = 1; round <= rounds; round++)
        {
            var (csv, (paymentRun, paymentResults)) = BenchRounds.Run(round, ReadPaymentFiles, () => LoadPayments(regions, source));
            var paymentsRead = paymentResults.Sum(r => r.RowsRead);
            if (paymentsRead != csvRows)
            {
                throw new InvalidOperationException($"救助金发放行数不一致 (payment rows differ): pipeline {paymentsRead}, read_csv {csvRows}");
            }

            var result = new PaymentRound(csv, paymentRun, paymentResults);
            paymentRounds.Add(result);
            output.WriteLine($"第 {round} 轮 (round {round}): (a) {csv.TotalSeconds,6:F2} s, (b) {paymentRun.Elapsed.TotalSeconds,6:F2} s, 比值 (b)/(a) (ratio) {result.Ratio:F2}");
        }

        var median = BenchRounds.Median(paymentRounds, r => r.Ratio);
        var csvRate = csvRows / median.Csv.TotalSeconds;
        var typedRate = csvRows / typedCsv.TotalSeconds;
        var paymentRate = csvRows / median.Pipeline.Elapsed.TotalSeconds;
        output.WriteLine($"城市规模 (city scale): {regions.Towns.Count} 街镇, 救助金发放 {csvRows:N0} 行 ({median.Results.Count} 个季度); 下列 (a)(b) 为比值居中的一轮 (the median round)");
        output.WriteLine($"(a) DuckDB read_csv 救助金发放文件 (payment files):        {median.Csv.TotalSeconds,7:F2} s  {csvRate,12:N0} 行/秒 (rows/s)");
        output.WriteLine($"(a') 同上, 按仓库列类型 (same, warehouse column types):   {typedCsv.TotalSeconds,7:F2} s  {typedRate,12:N0} 行/秒 (rows/s)");
        output.WriteLine($"(b) 全流程, 同一批救助金发放文件 (pipeline, same files): {median.Pipeline.Elapsed.TotalSeconds,7:F2} s  {paymentRate,12:N0} 行/秒 (rows/s)");
        output.WriteLine($"比值 (b) / (a) 同一文件 (ratio, same files): {median.Ratio:F2}   (目标 target ≥ 0.50; {rounds} 轮中位数 median of {rounds} rounds: {BenchRounds.Ratios(paymentRounds, r => r.Ratio)})");
        output.WriteLine($"比值 (b) / (a') 同一文件、同一列类型 (ratio, same files and column types): {paymentRate / typedRate:F2}");
        WriteSteps("(b)", median.Pipeline, median.Results);
        if (paymentsOnly)
        {
            return;
        }

        var (pipeline, results) = LoadTimed(Path.Combine(workDirectory, "bench_etl.duckdb"), regions, source);
        var read = results.Sum(r => r.RowsRead);
        var pipelineRate = read / pipeline.Elapsed.TotalSeconds;
        output.WriteLine($"(c) 全流程, 全部数据源 (pipeline, every feed):            {pipeline.Elapsed.TotalSeconds,7:F2} s  {pipelineRate,12:N0} 行/秒 (rows/s)");
        output.WriteLine($"    {results.Count} 次装载, 读取 {read:N0} 行, 隔离 {results.Sum(r => r.RowsQuarantined):N0} 行");
        output.WriteLine($"比值 (c) / (a) 全部数据源每行对救助金发放每行 (ratio, every feed's rows against payment rows): {pipelineRate / csvRate:F2}");
        output.WriteLine($"全市装载用时 (whole city load): {pipeline.Elapsed.TotalMinutes:F2} min   (目标 target < 3 min)");
        WriteSteps("(c)", pipeline, results);
    }

    // The loads' own steps, and the two around them: opening (migrating) the new warehouse and the final checkpoint.
    private void WriteSteps(string run, LoadClock clock, IReadOnlyList<LoadResult> results)
    {
        var steps = results.SelectMany(r => r.Steps)
            .Append(new KeyValuePair<string, long>("warehouse open", (long)clock.Open.TotalMilliseconds))
            .Append(new KeyValuePair<string, long>("checkpoint", (long)clock.Checkpoint.TotalMilliseconds));
        foreach (var step in steps.GroupBy(s => s.Key).OrderByDescending(g => g.Sum(s => s.Value)))
        {
            output.WriteLine($"  {run} 步骤 {step.Key,-14} {step.Sum(s => s.Value) / 1000.0,8:F2} s");
        }
    }

    /// <summary>DuckDB's own CREATE TABLE AS read_csv of the files, in a database of its own; the time and the rows.</summary>
    private (TimeSpan Elapsed, long Rows) ReadCsvTimed(IReadOnlyList<string> files, string options)
    {
        var path = Path.Combine(workDirectory, "bench_read_csv.duckdb");
        Delete(path);
        var clock = Stopwatch.StartNew();
        long rows;
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE payments AS SELECT * FROM read_csv([{string.Join(", ", files.Select(f => $"'{f}'"))}], header = true{options})";
            command.ExecuteNonQuery();
            command.CommandText = "SELECT count(*) FROM payments";
            rows = (long)command.ExecuteScalar()!;
        }

        var elapsed = clock.Elapsed;
        Delete(path);
        return (elapsed, rows);
    }

    // read_csv's types option for the file columns the fact table keeps (district_code is one of its leading columns).
    private static string WarehouseTypes(FactTable table) =>
        "{'district_code': 'VARCHAR', " + string.Join(", ", table.Columns.Select(c => $"'{c.Source.Name}': '{c.SqlType.Replace(" NOT NULL", "", StringComparison.Ordinal)}'")) + "}";

    /// <summary>Loads everything the source holds into a new warehouse; the clock stops when the facts are in the file.</summary>
    private static (LoadClock Clock, IReadOnlyList<LoadResult> Results) LoadTimed(string warehousePath, RegionReference regions, IExtractSource source)
    {
        Delete(warehousePath);
        Delete(PseudonymKey.KeyFilePath(warehousePath));
        var clock = Stopwatch.StartNew();
        var warehouse = WarehouseDatabase.Open(warehousePath, regions);
        var opened = clock.Elapsed;
        var loader = new SourceQuarterLoader(warehouse, PseudonymKey.Resolve(null, warehousePath, demoMode: true));
        var results = loader.LoadAll(source, "bench");
        // Counted in the load: the facts are in the file, not only in its write-ahead log, when the clock stops.
        var loaded = clock.Elapsed;
        warehouse.Checkpoint();
        return (new LoadClock(clock.Elapsed, opened, clock.Elapsed - loaded), results);
    }

    /// <summary>A timed load: the whole of it, the opening of the new warehouse, and the final checkpoint.</summary>
    private readonly record struct LoadClock(TimeSpan Elapsed, TimeSpan Open, TimeSpan Checkpoint);

    private (LoadClock Clock, IReadOnlyList<LoadResult> Results) LoadPayments(RegionReference regions, IExtractSource source)
    {
        var path = Path.Combine(workDirectory, "bench_etl_payments.duckdb");
        var run = LoadTimed(path, regions, new PaymentFilesOnly(source));
        Delete(path);
        Delete(PseudonymKey.KeyFilePath(path));
        return run;
    }

    /// <summary>One round of the like-for-like comparison: the bare read, and the pipeline on the same files.</summary>
    private sealed record PaymentRound(TimeSpan Csv, LoadClock Pipeline, IReadOnlyList<LoadResult> Results)
    {
        /// <summary>Pipeline rows/s over read_csv rows/s: both read the same rows.</summary>
        public double Ratio => Csv / Pipeline.Elapsed;
    }

    /// <summary>The drop as if it held nothing but the payment files: the pipeline's share of the read_csv reference.</summary>
    private sealed class PaymentFilesOnly(IExtractSource drop) : IExtractSource
    {
        public string Transport => drop.Transport;

        public string Origin => drop.Origin;

        public IReadOnlyList<Quarter> QuartersOf(FeedSpec feed) => feed.Id == "assistance" ? drop.QuartersOf(feed) : [];

        public IReadOnlyList<ExtractFile> Open(FeedSpec feed, Quarter quarter) =>
            drop.Open(feed, quarter).Where(f => f.Spec.Id == "payments").ToList();
    }

    private void EnsureDrop(string drop)
    {
        if (File.Exists(Path.Combine(drop, DropLayout.ManifestFileName)))
        {
            output.WriteLine($"复用已生成的全市数据 (reusing) {drop}");
            return;
        }

        var clock = Stopwatch.StartNew();
        var options = new DemoOptions(drop, seed, DemoOptions.DefaultFrom, DemoOptions.DefaultTo, DemoScale.City);
        new DemoDataGenerator().Generate(options);
        output.WriteLine($"生成全市数据 (generated) {drop}: {clock.Elapsed.TotalSeconds:F1} s");
    }

    // The synthetic districts of the city drop exist only in its population extracts.
    private static RegionReference CityRegions(string drop)
    {
        var population = Directory.GetFiles(Path.Combine(drop, "reference"), "population.csv", SearchOption.AllDirectories).Order().First();
        var rows = DelimitedText.Read(population, System.Text.Encoding.UTF8).ToList();
        var header = rows[0].Fields.ToList();
        int Col(string name) => header.IndexOf(name);
        var districts = new Dictionary<string, District>();
        var towns = new List<Town>();
        foreach (var (_, fields) in rows.Skip(1))
        {
            var code = fields[Col("district_code")];
            if (!districts.TryGetValue(code, out var district))
            {
                district = districts[code] = new District(code, fields[Col("district_name")]);
            }

            var type = fields[Col("town_type")] is "township" or "镇" ? TownType.Township : TownType.Subdistrict;
            var known = RegionReference.Default.FindTown(fields[Col("town_name")], code);
            towns.Add(new Town(district, fields[Col("town_name")], type, known?.Aliases ?? []));
        }

        return new RegionReference(towns);
    }

    private static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }
}
