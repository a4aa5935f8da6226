using Analytics.Sources;

namespace Analytics.DemoData.Tests;

public sealed class DemoOptionsTests
{
    [Theory]
    [InlineData("2024Q3", "2024Q1", "晚于")]
    [InlineData("2025Q1", "2026Q1", "最晚")]
    [InlineData("2010Q1", "2022Q1", "最早")]
    public void Bad_ranges_are_rejected_with_a_chinese_message(string from, string to, string expected)
    {
        var options = new DemoOptions("/tmp/unused", 1, Quarter.Parse(from), Quarter.Parse(to));
        Assert.Contains(expected, options.Validate());
        var error = Assert.Throws<ArgumentException>(() => new DemoDataGenerator().Generate(options));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Default_range_is_valid_and_city_scale_inflates_volumes()
    {
        var options = new DemoOptions("/tmp/unused", DemoOptions.DefaultSeed, DemoOptions.DefaultFrom, DemoOptions.DefaultTo);
        Assert.Null(options.Validate());
        Assert.Equal(1.0, options.Volume);
        Assert.True((options with { Scale = DemoScale.City }).Volume > 3);
    }

    [Fact]
    public void City_town_set_has_216_towns_with_unique_names_per_district()
    {
        var towns = Model.TownSet.Build(Sources.Regions.RegionReference.Default, 1, city: true);
        Assert.Equal(216, towns.Count);
        Assert.Equal(16, towns.Select(t => t.District.Code).Distinct().Count());
        Assert.Equal(216, towns.Select(t => t.Town.Key).Distinct().Count());
        Assert.Equal(48, towns.Count(t => !t.District.Synthetic));
    }
}
