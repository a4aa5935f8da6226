using Analytics.Reports.Generation;
using Analytics.TestSupport;
using Analytics.Warehouse;

namespace Analytics.Reports.Tests;

/// <summary>
/// A warehouse made before 普陀's 街镇 got a 贡献明细 instead of a 成绩单 still indexes the 成绩单 generated then; the
/// upgrade retires them from the briefings list and keeps their rows and files.
/// </summary>
public sealed class UpgradedBriefingIndexTests : IDisposable
{
    private readonly string _root = TempFolder.NewPath("analytics-upgraded-briefings");

    public void Dispose() => TempFolder.Delete(_root);

    [Fact]
    public void Upgrading_a_warehouse_retires_putuos_earlier_town_scorecards_and_keeps_their_files()
    {
        var path = Path.Combine(_root, "warehouse.duckdb");
        var generatedAt = new DateTimeOffset(2025, 1, 6, 2, 0, 0, TimeSpan.Zero);
        var entries = new[]
        {
            Entry(BriefingKind.District, "310107", "普陀区", null, null, "putuo-2024", "2024Q4/310107-普陀区/普陀区2024Q4简报.pdf"),
            Entry(BriefingKind.Town, "310107", "普陀区", "310107/长风新村街道", "长风新村街道", "putuo-2024", "2024Q4/310107-普陀区/长风新村街道2024Q4成绩单.pdf"),
            Entry(BriefingKind.Town, "310107", "普陀区", "310107/万里街道", "万里街道", "putuo-2024", "2024Q4/310107-普陀区/万里街道2024Q4成绩单.pdf"),
            Entry(BriefingKind.Town, "310117", "松江区", "310117/岳阳街道", "岳阳街道", "songjiang-2024", "2024Q4/310117-松江区/岳阳街道2024Q4成绩单.pdf"),
        }.Select(e => e with { GeneratedAt = generatedAt }).ToList();
        foreach (var entry in entries)
        {
            var file = Path.Combine(_root, "briefings", entry.FilePath);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, [0x25, 0x50, 0x44, 0x46]);
        }

        // The warehouse as version 10 left it: the 成绩单 indexed, no record of migration 11 or later, and no table of theirs.
        var before = WarehouseDatabase.Open(path);
        new BriefingIndex(before).Record(entries);
        using (var connection = before.Connect())
        {
            WarehouseSql.Execute(connection, "DELETE FROM schema_migrations WHERE version >= 11; DROP TABLE ml_projection; DROP TABLE ml_combination_flag");
        }

        Assert.Equal(4, new BriefingIndex(before).List("2024Q4").Count);

        var upgraded = new BriefingIndex(WarehouseDatabase.Open(path));

        var listed = upgraded.List("2024Q4");
        Assert.Equal(
            [(BriefingKind.District, "310107", null), (BriefingKind.Town, "310117", "310117/岳阳街道")],
            listed.Select(e => (e.Kind, e.DistrictCode, e.TownCode)).ToList());
        Assert.DoesNotContain(upgraded.List("2024Q4", "310107"), e => e.Kind == BriefingKind.Town);
        var retired = upgraded.Versions("2024Q4", "310107");
        Assert.Equal(["310107/万里街道", "310107/长风新村街道"], retired.Select(e => e.TownCode).Order(StringComparer.Ordinal).ToList());
        Assert.All(retired, e =>
        {
            Assert.NotNull(e.SupersededAt);
            Assert.Equal(entries.Single(x => x.TownCode == e.TownCode).FilePath, e.FilePath);
            Assert.True(File.Exists(Path.Combine(_root, "briefings", e.FilePath)), e.FilePath);
        });
        Assert.Equal(["2024Q4"], upgraded.Periods());
    }

    private static BriefingEntry Entry(string kind, string districtCode, string districtName, string? townCode, string? townName, string rubricId, string filePath) =>
        new(0, kind, "2024Q4", districtCode, districtName, townCode, townName, "沪民政简〔2024〕第4号", filePath, 4, 1, rubricId, "1",
            "R1", null, DateTimeOffset.UnixEpoch, "schedule");
}
