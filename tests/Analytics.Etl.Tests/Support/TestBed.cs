using System.Globalization;
using System.Text;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.TestSupport;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;

namespace Analytics.Etl.Tests.Support;

/// <summary>A quarantined row as the warehouse keeps it.</summary>
public sealed record QuarantineRow(long RunId, string File, long Row, string? Field, string Reason, string? Raw);

/// <summary>
/// One test's world: its own drop folder (copies of the demo files it needs, free to corrupt),
/// a fresh warehouse file, the fixed test key, and helpers to change CSV cells and read the result.
/// </summary>
public sealed class TestBed : IDisposable
{
    /// <summary>The fixed pseudonym key of the tests.</summary>
    public static readonly PseudonymKey Key = PseudonymKey.FromText(KeyHex, "test");

    public const string KeyHex = DemoWarehouse.TestKeyHex;

    private readonly DemoDropFixture _drop;

    public TestBed(DemoDropFixture drop)
    {
        _drop = drop;
        Folder = Path.Combine(Path.GetTempPath(), "etl-test-" + Guid.NewGuid().ToString("N"));
        Sources = Path.Combine(Folder, "drop");
        Directory.CreateDirectory(Sources);
        DatabasePath = Path.Combine(Folder, "warehouse.duckdb");
        Warehouse = WarehouseDatabase.Open(DatabasePath);
    }

    public string Folder { get; }

    /// <summary>This test's drop folder.</summary>
    public string Sources { get; }

    public string DatabasePath { get; }

    public WarehouseDatabase Warehouse { get; }

    /// <summary>
    /// Copies one feed's quarter folder from the demo drop. <paramref name="maxRows"/> keeps only the
    /// first data rows of each CSV, so tests on the large assistance files stay fast.
    /// </summary>
    public TestBed Copy(string feed, string quarter, int? maxRows = null)
    {
        var from = Path.Combine(_drop.Root, feed, quarter);
        var to = Path.Combine(Sources, feed, quarter);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            if (maxRows is { } max && file.EndsWith(".csv", StringComparison.Ordinal) && feed != "ledger")
            {
                File.WriteAllLines(target, File.ReadLines(file).Take(max + 1), Utf8);
            }
            else
            {
                File.Copy(file, target);
            }
        }

        return this;
    }

    /// <summary>Copies the demo drop's manifest.json, so that loads check files against it.</summary>
    public TestBed CopyManifest()
    {
        File.Copy(Path.Combine(_drop.Root, DropLayout.ManifestFileName), Path.Combine(Sources, DropLayout.ManifestFileName), overwrite: true);
        return this;
    }

    public LoadResult Load(string feed, string quarter, IProgress<LoadProgress>? progress = null) =>
        new SourceQuarterLoader(Warehouse, Key).Load(new FileDropSource(Sources), SourceCatalog.Feed(feed), Quarter.Parse(quarter), "test", progress);

    /// <summary>Loads this test's drop with the operator's shrink settings.</summary>
    public LoadResult Load(string feed, string quarter, ShrinkGuard shrinkGuard) =>
        new SourceQuarterLoader(Warehouse, Key) { ShrinkGuard = shrinkGuard }.Load(new FileDropSource(Sources), SourceCatalog.Feed(feed), Quarter.Parse(quarter), "test");

    /// <summary>Loads from the shared (unchanged) demo drop, for tests that only read it.</summary>
    public LoadResult LoadDemo(string feed, string quarter) =>
        new SourceQuarterLoader(Warehouse, Key).Load(new FileDropSource(_drop.Root), SourceCatalog.Feed(feed), Quarter.Parse(quarter), "test");

    public EtlException LoadFails(string feed, string quarter, IProgress<LoadProgress>? progress = null) =>
        Assert.Throws<EtlException>(() => Load(feed, quarter, progress));

    // ---- files ----------------------------------------------------------------------------

    public static readonly Encoding Utf8 = new UTF8Encoding(false);

    public string PathOf(string relative) => Path.Combine(Sources, relative);

    /// <summary>Path of the demo drop's original file, to compare with.</summary>
    public string OriginalPathOf(string relative) => Path.Combine(_drop.Root, relative);

    /// <summary>Lines of a UTF-8 CSV: [0] is the header, [n] is data row n.</summary>
    public List<string> Lines(string relative) => File.ReadAllText(PathOf(relative), Utf8).TrimEnd('\n').Split('\n').ToList();

    public void WriteLines(string relative, IEnumerable<string> lines) =>
        File.WriteAllText(PathOf(relative), string.Join("\n", lines) + "\n", Utf8);

    public int ColumnIndex(string relative, string column)
    {
        var index = Lines(relative)[0].Split(',').ToList().IndexOf(column);
        Assert.True(index >= 0, $"{relative} has no column {column}");
        return index;
    }

    /// <summary>The raw text of one cell (data row 1-based). Demo rows are unquoted.</summary>
    public string Cell(string relative, int dataRow, string column) =>
        Fields(Lines(relative)[dataRow])[ColumnIndex(relative, column)];

    /// <summary>Writes <paramref name="value"/> verbatim (the caller quotes it if it holds a comma).</summary>
    public void SetCell(string relative, int dataRow, string column, string value)
    {
        var lines = Lines(relative);
        var fields = Fields(lines[dataRow]);
        fields[ColumnIndex(relative, column)] = value;
        lines[dataRow] = string.Join(",", fields);
        WriteLines(relative, lines);
    }

    public int DataRows(string relative) => Lines(relative).Count - 1;

    /// <summary>The data rows of every catalog file the feed's quarter folder holds, as they are now.</summary>
    public long FeedRows(string feed, string quarter) => SourceCatalog.Feeds.Single(f => f.Id == feed).Files
        .Select(f => $"{feed}/{quarter}/{f.Id}.csv")
        .Where(relative => File.Exists(PathOf(relative)))
        .Sum(relative => (long)DataRows(relative));

    private static string[] Fields(string line)
    {
        Assert.DoesNotContain('"', line);
        return line.Split(',');
    }

    // ---- warehouse ------------------------------------------------------------------------

    public IReadOnlyList<QuarantineRow> Quarantine() => Query(
        "SELECT run_id, file, row_number, field, reason, raw FROM etl_quarantine ORDER BY file, row_number",
        r => new QuarantineRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));

    public long Scalar(string sql)
    {
        using var connection = Warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value switch
        {
            null or DBNull => 0,
            System.Numerics.BigInteger huge => (long)huge, // sum() of BIGINT is HUGEINT
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        };
    }

    public string? Text(string sql)
    {
        using var connection = Warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() switch { null or DBNull => null, var v => Convert.ToString(v, CultureInfo.InvariantCulture) };
    }

    public List<T> Query<T>(string sql, Func<DuckDBDataReader, T> map)
    {
        using var connection = Warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Exactly one row quarantined, as given, and the counts balance in the result and the run log.</summary>
    public QuarantineRow AssertOneQuarantined(LoadResult result, long expectedRead, string file, long row, string field, string reason)
    {
        var quarantined = Assert.Single(Quarantine());
        Assert.Equal((file, row, field, reason), (quarantined.File, quarantined.Row, quarantined.Field, quarantined.Reason));
        Assert.Equal(result.RunId, quarantined.RunId);
        AssertCounts(result, expectedRead, expectedRead - 1, 1);
        return quarantined;
    }

    /// <summary>The load succeeded with these counts, the run log says the same, and the facts and quarantine hold them.</summary>
    public void AssertCounts(LoadResult result, long read, long loaded, long quarantined)
    {
        Assert.True(result.Succeeded);
        Assert.Equal((read, loaded, quarantined), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal($"{read}|{loaded}|{quarantined}|succeeded",
            Text($"SELECT concat_ws('|', rows_read, rows_loaded, rows_quarantined, status) FROM etl_run WHERE run_id = {result.RunId}"));
        Assert.Equal(loaded, FactCounts().Values.Sum());
        Assert.Equal(quarantined, Scalar("SELECT count(*) FROM etl_quarantine"));
    }

    /// <summary>Rows per fact table (only non-empty tables).</summary>
    public Dictionary<string, long> FactCounts() => StarSchema.FactTables
        .Select(t => (t.Name, Rows: Scalar($"SELECT count(*) FROM {t.Name}")))
        .Where(t => t.Rows > 0)
        .ToDictionary(t => t.Name, t => t.Rows);

    /// <summary>
    /// Per fact table: row count, the sum of every numeric column, and an order-free checksum of all
    /// columns except run_id — equal snapshots mean equal contents.
    /// </summary>
    public Dictionary<string, string> FactSnapshot()
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var table in StarSchema.FactTables)
        {
            var columns = new[] { "quarter_key", "district_code", "town_key" }.Concat(table.Columns.Select(c => c.Name)).ToList();
            var sums = table.Columns.Where(c => c.SqlType is "BIGINT" or "DECIMAL(18,4)").Select(c => $"coalesce(sum({c.Name}), 0)::VARCHAR");
            var sql = $"SELECT concat_ws('|', count(*)::VARCHAR, coalesce(sum(hash({string.Join(", ", columns)}))::VARCHAR, '0'){string.Concat(sums.Select(s => ", " + s))}) FROM {table.Name}";
            snapshot[table.Name] = Text(sql)!;
        }

        return snapshot;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed by a test may still hold the file for a moment; temp is cleaned anyway.
        }
    }
}
