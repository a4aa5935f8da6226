using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>A ledger counts for the 街镇 its file name says, and only a file named 区_街镇 is read as a ledger.</summary>
[Collection(EtlCollection.Name)]
public sealed class LedgerIdentityTests(DemoDropFixture drop) : IDisposable
{
    private const string Folder = "ledger/2024Q3";
    private readonly TestBed _bed = new TestBed(drop).Copy("ledger", "2024Q3");

    public void Dispose() => _bed.Dispose();

    /// <summary>The town's ledger file as the demo wrote it (.xlsx or .csv).</summary>
    private string LedgerOf(string districtTown) =>
        Folder + "/" + Path.GetFileName(Directory.GetFiles(_bed.PathOf(Folder), districtTown + ".*").Single());

    private IReadOnlyList<MissingLedger> Missing()
    {
        using var connection = _bed.Warehouse.Connect();
        return LedgerCompleteness.Missing(connection);
    }

    [Fact]
    public void A_ledger_copied_under_another_towns_name_is_refused_naming_both_and_the_quarter_stays()
    {
        _bed.Load("ledger", "2024Q3");
        var before = _bed.FactSnapshot();
        var genuine = LedgerOf("普陀区_长征镇");
        var other = LedgerOf("松江区_中山街道");
        File.Delete(_bed.PathOf(genuine));
        var swapped = $"{Folder}/普陀区_长征镇{Path.GetExtension(other)}";
        File.Copy(_bed.PathOf(other), _bed.PathOf(swapped));

        var error = _bed.LoadFails("ledger", "2024Q3");

        Assert.Equal($"{swapped}：第 3 行填报的是 松江区（310117）中山街道，与文件名 普陀区_长征镇 不符，已拒绝装载该季度台账 (ledger content does not match its file name)。", error.Message);
        Assert.Equal(before, _bed.FactSnapshot());
    }

    [Fact]
    public void A_file_outside_the_naming_pattern_is_reported_and_not_read_as_a_ledger()
    {
        var ledgers = Directory.GetFiles(_bed.PathOf(Folder)).Length;
        File.Copy(_bed.PathOf(LedgerOf("松江区_中山街道")), _bed.PathOf($"{Folder}/汇总表.xlsx"));
        File.Copy(_bed.PathOf(LedgerOf("松江区_中山街道")), _bed.PathOf($"{Folder}/某某区_中山街道.xlsx"));

        var result = _bed.Load("ledger", "2024Q3");

        Assert.Equal((ledgers, ledgers, 0L), (result.RowsRead, (int)result.RowsLoaded, result.RowsQuarantined));
        Assert.Equal(
            [
                $"文件 {Folder}/某某区_中山街道.xlsx 的名称不符合「区_街镇.xlsx」或「区_街镇.csv」（区须为已知区名），未作为台账装载",
                $"文件 {Folder}/汇总表.xlsx 的名称不符合「区_街镇.xlsx」或「区_街镇.csv」（区须为已知区名），未作为台账装载",
            ],
            result.Warnings);
    }

    [Fact]
    public void A_town_without_a_ledger_is_listed_as_missing()
    {
        _bed.Load("ledger", "2024Q3");
        var complete = Missing();
        File.Delete(_bed.PathOf(LedgerOf("普陀区_长征镇")));

        _bed.Load("ledger", "2024Q3");

        Assert.Equal(complete.Append(new MissingLedger(20243, "普陀区", "长征镇")).OrderBy(m => m.TownName, StringComparer.Ordinal),
            Missing().OrderBy(m => m.TownName, StringComparer.Ordinal));
        Assert.DoesNotContain(complete, m => m.TownName == "长征镇");
    }

    [Fact]
    public void A_second_ledger_of_a_town_is_quarantined_naming_the_file_and_row_it_repeats()
    {
        var genuine = Directory.GetFiles(_bed.PathOf(Folder), "*街道.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!;
        var alias = genuine.Replace("街道.csv", ".csv", StringComparison.Ordinal);
        File.Copy(_bed.PathOf($"{Folder}/{genuine}"), _bed.PathOf($"{Folder}/{alias}"));

        var result = _bed.Load("ledger", "2024Q3");

        Assert.Equal(1, result.RowsQuarantined);
        var row = Assert.Single(_bed.Quarantine());
        Assert.Equal(($"{Folder}/{genuine}", 3L, $"重复行：主键 (district_code+town_name+quarter) 与 {Folder}/{alias} 第 3 行相同"),
            (row.File, row.Row, row.Reason));
    }
}
