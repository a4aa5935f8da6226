using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.Browser;
using Analytics.Reports.Generation;

namespace Analytics.Reports.Tests;

[Collection(BriefingCollection.Name)]
public sealed class BrowserRestartTests(BriefingFixture fixture)
{
    [Fact]
    public async Task A_crashed_browser_is_started_again_and_the_next_document_prints()
    {
        string town;
        using (var connection = fixture.Warehouse.Connect())
        {
            town = new RubricInputBuilder(connection).Units("310105", AssessmentPeriod.ForQuarter(2024, 4)).First(u => !u.IsDistrict).Name;
        }

        await using var browser = new ChromiumBrowser();
        var generator = new BriefingGenerator(fixture.Warehouse, browser, new BriefingOptions { Folder = Path.Combine(fixture.Root, "restart") });
        var request = new BriefingRequest(AssessmentPeriod.ForQuarter(2024, 4), "长宁区", town, "test");
        var first = await generator.GenerateAsync(request);
        Assert.Equal(1, browser.Launches);

        await browser.CloseBrowserAsync();
        var second = await generator.GenerateAsync(request);

        Assert.Equal(2, browser.Launches);
        var document = Assert.Single(second.Documents);
        Assert.Equal(first.Documents[0].Entry.FilePath, document.Entry.FilePath);
        var text = Tools.Squeeze(Tools.PdfText(document.FullPath, 1));
        Assert.Contains($"{town}2024年第4季度考核成绩单", text);
        // 长宁 ships only its 2023 rubric: the scorecard says which rubric it applied.
        Assert.Contains("长宁区尚无2024年度评分方案，本文沿用2023年度方案changning-2023", text);
        Assert.Equal("changning-2023", document.Entry.RubricId);
        Assert.Single(new BriefingIndex(fixture.Warehouse).List("2024Q4", "310105"));
    }
}
