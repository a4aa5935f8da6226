using Analytics.Metrics;
using Analytics.Reports.Browser;
using Analytics.Reports.Content;
using Analytics.Reports.Generation;

namespace Analytics.Reports.Tests;

[Collection(BriefingCollection.Name)]
public sealed class NoDataTests(BriefingFixture fixture)
{
    [Fact]
    public void Command_line_refuses_a_period_without_data_and_writes_nothing()
    {
        var folder = Path.Combine(fixture.Root, "no-data");
        var result = Tools.Analytics("report", "--db", fixture.DatabasePath, "--period", "2019Q4", "--out", folder);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("数据仓库中没有 2019Q4 的数据，未生成简报", result.Error);
        Assert.Contains("no data for period 2019Q4", result.Error);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Generator_throws_for_a_year_without_data_before_starting_the_browser()
    {
        await using var browser = new ChromiumBrowser();
        var folder = Path.Combine(fixture.Root, "no-data-year");
        var generator = new BriefingGenerator(fixture.Warehouse, browser, new BriefingOptions { Folder = folder });
        var error = await Assert.ThrowsAsync<BriefingNoDataException>(() => generator.GenerateAsync(new BriefingRequest(AssessmentPeriod.ForYear(2020))));
        Assert.Equal(AssessmentPeriod.ForYear(2020), error.Period);
        Assert.Equal(0, browser.Launches);
        Assert.False(Directory.Exists(folder));
        Assert.Empty(new BriefingIndex(fixture.Warehouse).List("2020"));
    }

    [Fact]
    public void Command_line_names_the_districts_when_one_is_unknown()
    {
        var result = Tools.Analytics("report", "--db", fixture.DatabasePath, "--period", "2024Q4", "--district", "浦东新区", "--out", Path.Combine(fixture.Root, "unknown"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("未知的区 浦东新区", result.Error);
        Assert.Contains("松江区", result.Error);
    }
}
