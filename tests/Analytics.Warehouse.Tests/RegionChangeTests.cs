using DuckDB.NET.Data;
using Analytics.Warehouse.Schema;

namespace Analytics.Warehouse.Tests;

public sealed class RegionChangeTests
{
    private static void AddChange(DuckDBConnection connection, string id, string date, string type, string? oldName, string? newName) =>
        WarehouseFile.Execute(connection,
            $"INSERT INTO fact_reference_region_changes (run_id, quarter_key, district_code, town_key, change_id, effective_date, change_type, old_town_name, new_town_name, note) " +
            $"VALUES (1, 20243, '310117', NULL, '{id}', DATE '{date}', '{type}', {Sql(oldName)}, {Sql(newName)}, 'test')");

    private static string Sql(string? text) => text is null ? "NULL" : $"'{text}'";

    [Fact]
    public void A_rename_closes_the_old_version_opens_a_new_one_with_the_same_town_code_and_applies_once()
    {
        using var file = new WarehouseFile();
        using var connection = file.Open().Connect();
        AddChange(connection, "RC-1", "2024-08-01", "rename", "岳阳", "岳阳新街道");
        Assert.Equal(1, RegionChangeApplier.Apply(connection));
        Assert.Equal(0, RegionChangeApplier.Apply(connection));

        Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_region WHERE town_name = '岳阳街道' AND valid_to = DATE '2024-08-01'"));
        Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_region WHERE town_name = '岳阳新街道' AND town_code = '310117/岳阳街道' AND valid_to IS NULL AND valid_from = DATE '2024-08-01'"));
        // Both names now lead to the same town.
        Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(DISTINCT town_code) FROM dim_region_alias WHERE alias IN ('岳阳街道', '岳阳新街道')"));
    }

    [Fact]
    public void Establishing_a_town_adds_it_and_abolishing_one_closes_it()
    {
        using var file = new WarehouseFile();
        using var connection = file.Open().Connect();
        AddChange(connection, "RC-2", "2024-07-15", "establish", null, "新城街道");
        AddChange(connection, "RC-3", "2024-09-01", "abolish", "新浜镇", null);
        Assert.Equal(2, RegionChangeApplier.Apply(connection));
        Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_region WHERE town_code = '310117/新城街道' AND town_type = '街道'"));
        Assert.Equal(1, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_region WHERE town_name = '新浜镇' AND valid_to = DATE '2024-09-01'"));
        Assert.Equal(48, WarehouseFile.Scalar(connection, "SELECT count(*) FROM dim_region WHERE valid_to IS NULL"));
    }

    [Fact]
    public void A_change_naming_an_unknown_town_fails_clearly()
    {
        using var file = new WarehouseFile();
        using var connection = file.Open().Connect();
        AddChange(connection, "RC-4", "2024-08-01", "rename", "不存在街道", "某街道");
        var error = Assert.Throws<WarehouseConfigurationException>(() => RegionChangeApplier.Apply(connection));
        Assert.Contains("不存在街道", error.Message);
    }
}
