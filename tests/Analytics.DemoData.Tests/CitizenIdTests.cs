using Analytics.DemoData.Simulation;
using Analytics.Sources;

namespace Analytics.DemoData.Tests;

public sealed class CitizenIdTests
{
    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("440524188001010014")]
    public void Known_valid_ids_pass(string id) => Assert.True(CitizenId.IsValid(id));

    [Theory]
    [InlineData("110105194912310021")] // wrong check character
    [InlineData("11010519491231003X")] // one digit changed
    [InlineData("11010519490231002X")] // 31 February... here 1949-02-31 is not a date
    [InlineData("1101051949123100X")] // 17 characters
    [InlineData("A1010519491231002X")]
    [InlineData(null)]
    public void Malformed_or_altered_ids_fail(string? id) => Assert.False(CitizenId.IsValid(id));

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("11010519491231002x", true)]
    [InlineData("440524188001010014", true)]
    [InlineData("110105194912310021", false)] // wrong check character
    [InlineData("110105194902310026", false)] // 1949-02-31, with the check character that would fit
    [InlineData("110105187912310024", false)] // born before 1880, with the check character that would fit
    [InlineData("1101051949123100X", false)]  // 17 characters
    [InlineData("１1010519491231002X", false)] // a full-width digit: more than 18 UTF-8 bytes
    [InlineData("", false)]
    public void The_loaders_utf8_test_gives_the_same_verdict_as_parsing(string id, bool valid)
    {
        Assert.Equal(valid, CitizenId.IsValid(id));
        Assert.Equal(valid, CitizenId.IsValid(System.Text.Encoding.UTF8.GetBytes(id)));
    }

    [Fact]
    public void Every_single_digit_change_is_detected()
    {
        const string valid = "11010519491231002X";
        for (var position = 0; position < 17; position++)
        {
            var digit = valid[position] - '0';
            var changed = valid[..position] + (char)('0' + (digit + 1) % 10) + valid[(position + 1)..];
            Assert.False(CitizenId.IsValid(changed), changed);
        }
    }

    [Fact]
    public void Create_builds_a_valid_id_from_its_parts()
    {
        var id = CitizenId.Create("310117", new DateOnly(1956, 3, 9), 37);
        Assert.True(CitizenId.IsValid(id.Value));
        Assert.Equal("310117", id.RegionCode);
        Assert.Equal(new DateOnly(1956, 3, 9), id.BirthDate);
        Assert.Equal(37, id.Sequence);
        Assert.True(id.IsMale);
        Assert.StartsWith("31011719560309037", id.Value);
    }

    [Fact]
    public void Generated_ids_are_valid_with_the_district_region_code()
    {
        var random = FastRandom.For(1, 2);
        for (var i = 0; i < 2000; i++)
        {
            var id = PersonFactory.CitizenIdFor("310105", 1930, 2005, ref random);
            Assert.True(CitizenId.TryParse(id, out var parsed), id);
            Assert.Equal("310105", parsed.RegionCode);
            Assert.InRange(parsed.BirthDate.Year, 1930, 2005);
        }
    }
}
