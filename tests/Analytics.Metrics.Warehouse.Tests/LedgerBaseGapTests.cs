using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Sources;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>
/// 同比 bases are complete per 街镇: a copy of the demo drop without 松江区_岳阳街道's 2023Q2 ledger, loaded through the real
/// loader. The ledger feed itself is loaded for 2023Q2 (the other 街镇 submitted), so only 岳阳街道's base is broken.
/// </summary>
[Collection(WarehouseCollection.Name)]
public sealed class LedgerBaseGapTests : IDisposable
{
    private static readonly Rubric Songjiang = RubricCatalog.Get("songjiang-2024");
    private const string Town = "岳阳街道";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ledger-base-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly DuckDBConnection _connection;

    public LedgerBaseGapTests(WarehouseFixture fixture)
    {
        var drop = Path.Combine(_root, "drop");
        Copy(fixture.Drop, drop);
        // The manifest lists the ledger, so the trimmed copy goes without it, as a bureau's own drop would.
        File.Delete(Path.Combine(drop, DropLayout.ManifestFileName));
        var ledger = Assert.Single(Directory.GetFiles(Path.Combine(drop, "ledger", "2023Q2"), $"松江区_{Town}.*"));
        File.Delete(ledger);
        var warehouse = WarehouseDatabase.Open(Path.Combine(_root, "warehouse.duckdb"));
        new SourceQuarterLoader(warehouse, PseudonymKey.FromText(new string('a', 64), "tests")).LoadAll(new FileDropSource(drop), "test");
        _connection = warehouse.Connect();
        IndicatorEngine.Refresh(_connection);
    }

    private RubricResult Score(AssessmentPeriod period, string unitName) =>
        RubricEvaluator.Evaluate(Songjiang, new RubricInputBuilder(_connection).Build(Songjiang, period).Single(u => u.Unit.Name == unitName).Inputs);

    // One load serves every assertion: loading the whole drop again per test would take minutes on a shared machine.
    [Fact]
    public void A_town_missing_a_base_year_ledger_gets_missing_data_naming_its_quarter_and_other_towns_keep_their_comparison()
    {
        const string Expected = "缺数据：上年同期缺 2023Q2 台账，康复辅具租赁办件量无法与上年同期比较，暂记 0 分";
        var year = Score(AssessmentPeriod.ForYear(2024), Town).Item("S2.3a");
        Assert.Equal(ItemStatus.MissingInput, year.Status);
        Assert.Equal(0m, year.Score);
        Assert.Equal(Expected, year.Explanation);

        // A quarter needs only the same quarter a year before.
        Assert.Equal(Expected, Score(AssessmentPeriod.ForQuarter(2024, 2), Town).Item("S2.3a").Explanation);
        Assert.NotEqual(ItemStatus.MissingInput, Score(AssessmentPeriod.ForQuarter(2024, 3), Town).Item("S2.3a").Status);

        var units = new RubricInputBuilder(_connection).Build(Songjiang, AssessmentPeriod.ForYear(2024));
        var others = units.Where(u => !u.Unit.IsDistrict && u.Unit.Name != Town).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, u => Assert.NotEqual(ItemStatus.MissingInput, RubricEvaluator.Evaluate(Songjiang, u.Inputs).Item("S2.3a").Status));
        // The district's figure sums its towns, so its base names the town.
        Assert.Equal($"上年同期缺 {Town} 2023Q2 台账", units.Single(u => u.Unit.IsDistrict).Inputs.BaseGaps!["assistive.device_rentals"]);
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
