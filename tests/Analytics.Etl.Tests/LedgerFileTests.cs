using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>Town ledgers (.xlsx or .csv, one per town): a broken ledger is a clear error or a quarantined row, never a crash.</summary>
[Collection(EtlCollection.Name)]
public sealed class LedgerFileTests(DemoDropFixture drop) : IDisposable
{
    private const string Workbook = "ledger/2024Q3/普陀区_宜川路街道.xlsx";
    private const string Text = "ledger/2024Q3/普陀区_万里街道.csv";
    private readonly TestBed _bed = new TestBed(drop).Copy("ledger", "2024Q3");

    public void Dispose() => _bed.Dispose();

    private int Ledgers => Directory.GetFiles(_bed.PathOf("ledger/2024Q3")).Length;

    [Fact]
    public void Every_ledger_of_the_quarter_loads_one_row_per_town()
    {
        var result = _bed.Load("ledger", "2024Q3");

        Assert.Equal((Ledgers, Ledgers, 0L), (result.RowsRead, (int)result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(Ledgers, _bed.Scalar("SELECT count(DISTINCT town_key) FROM fact_ledger WHERE quarter_key = 20243"));
    }

    [Fact]
    public void A_truncated_workbook_fails_the_load_naming_the_file()
    {
        var bytes = File.ReadAllBytes(_bed.PathOf(Workbook));
        File.WriteAllBytes(_bed.PathOf(Workbook), bytes[..(bytes.Length / 2)]);

        var error = _bed.LoadFails("ledger", "2024Q3");

        Assert.StartsWith("ledger/2024Q3/普陀区_宜川路街道.xlsx：无法读取 Excel 文件 (", error.Message);
        Assert.Empty(_bed.FactCounts());
    }

    [Fact]
    public void An_empty_workbook_file_fails_the_load_naming_the_file()
    {
        File.WriteAllBytes(_bed.PathOf(Workbook), []);

        var error = _bed.LoadFails("ledger", "2024Q3");

        Assert.StartsWith("ledger/2024Q3/普陀区_宜川路街道.xlsx：无法读取 Excel 文件 (", error.Message);
        Assert.Empty(_bed.FactCounts());
    }

    [Fact]
    public void An_empty_csv_ledger_is_quarantined_and_the_other_towns_load()
    {
        File.WriteAllBytes(_bed.PathOf(Text), []);

        var result = _bed.Load("ledger", "2024Q3");

        Assert.Equal((Ledgers, Ledgers - 1, 1L), (result.RowsRead, (int)result.RowsLoaded, result.RowsQuarantined));
        var row = Assert.Single(_bed.Quarantine());
        Assert.Equal((Text, 1L, "(文件)", "台账文件为空 (empty ledger)"), (row.File, row.Row, row.Field, row.Reason));
    }

    [Fact]
    public void A_csv_ledger_without_the_codes_row_is_quarantined_row_by_row()
    {
        var lines = File.ReadAllLines(_bed.PathOf(Text), CodePages.Gb18030).ToList();
        lines.RemoveAt(1);
        File.WriteAllLines(_bed.PathOf(Text), lines, CodePages.Gb18030);

        var result = _bed.Load("ledger", "2024Q3");

        Assert.Equal((Ledgers + 1, Ledgers - 1, 2L), (result.RowsRead, (int)result.RowsLoaded, result.RowsQuarantined));
        Assert.All(_bed.Quarantine(), q => Assert.Equal((Text, "(文件)", "台账缺少列代码行（第 2 行应为列代码，见 docs/sources.md）"), (q.File, q.Field, q.Reason)));
    }
}
