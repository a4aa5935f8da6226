using Analytics.Sources.Regions;

namespace Analytics.DemoData.Tests;

public sealed class RegionReferenceTests
{
    private readonly RegionReference _regions = RegionReference.Default;

    [Fact]
    public void Embedded_reference_has_48_towns_in_4_districts()
    {
        Assert.Equal(48, _regions.Towns.Count);
        Assert.Equal(["310117", "310118", "310105", "310107"], _regions.Districts.Select(d => d.Code));
        Assert.Equal(17, _regions.Towns.Count(t => t.District.Code == "310117"));
        Assert.Equal(TownType.Township, _regions.FindTown("泗泾镇")!.Type);
    }

    [Theory]
    [InlineData("岳阳", "岳阳街道")]
    [InlineData("泗泾", "泗泾镇")]
    [InlineData("仙霞", "仙霞新村街道")]
    [InlineData("仙霞新村", "仙霞新村街道")]
    [InlineData("华阳路", "华阳路街道")]
    [InlineData("华阳", "华阳路街道")]
    [InlineData("真如", "真如镇街道")]
    [InlineData("曹杨", "曹杨新村街道")]
    [InlineData("北新泾", "北新泾街道")]
    [InlineData("新泾", "新泾镇")]
    [InlineData(" 岳阳街道 ", "岳阳街道")]
    public void Aliases_find_the_full_town(string alias, string expected) =>
        Assert.Equal(expected, _regions.FindTown(alias)?.Name);

    [Fact]
    public void District_narrows_the_search_and_rejects_towns_of_other_districts()
    {
        Assert.Equal("泗泾镇", _regions.FindTown("泗泾", "松江")!.Name);
        Assert.Equal("泗泾镇", _regions.FindTown("泗泾", "310117")!.Name);
        Assert.Null(_regions.FindTown("泗泾", "长宁区"));
        Assert.Null(_regions.FindTown("不存在街道"));
    }

    [Fact]
    public void Districts_are_found_by_code_full_or_short_name()
    {
        Assert.Equal("310105", _regions.FindDistrict("长宁")!.Code);
        Assert.Equal("310105", _regions.FindDistrict("长宁区")!.Code);
        Assert.Equal("长宁区", _regions.FindDistrict("310105")!.Name);
    }

    [Fact]
    public void Ambiguous_alias_is_not_guessed()
    {
        var district = new District("310999", "测试区");
        var towns = new List<Town>
        {
            new(district, "新华路街道", TownType.Subdistrict, TownAliases.For("新华路街道")),
            new(district, "新华镇", TownType.Township, TownAliases.For("新华镇")),
        };
        var regions = new RegionReference(towns);
        Assert.Null(regions.FindTown("新华"));
        Assert.Equal("新华镇", regions.FindTown("新华镇")!.Name);
    }
}
