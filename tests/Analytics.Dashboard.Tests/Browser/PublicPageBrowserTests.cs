using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>The public pages in Chromium: charts drawn by ECharts from the server's options, each with its text table; phone layout.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPageBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Overview_draws_every_trend_chart_beside_its_text_table_without_script_errors()
    {
        await using var session = await fixture.OpenAsync();
        await session.GotoAsync("/");

        var charts = await session.AssertChartsDrawnAsync(".cards");
        Assert.Equal(await session.Page.Locator(".cards article.card").CountAsync(), charts);
        Assert.Equal(charts, await session.Page.Locator(".cards article.card table.trend").CountAsync());
        await Assertions.Expect(session.Page.Locator("section.stat-table table tbody tr")).Not.ToHaveCountAsync(0);
        await session.ScreenshotAsync("overview-desktop");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task District_page_draws_the_town_comparison_chart_over_its_table()
    {
        await using var session = await fixture.OpenAsync();
        await session.GotoAsync($"/districts/{BrowserFixture.DistrictCode}");

        Assert.Equal(1, await session.AssertChartsDrawnAsync(".bars"));
        await session.AssertChartsDrawnAsync(".cards");
        Assert.Equal(fixture.ExpectedTowns + 1, await session.Page.Locator("section.stat-table table tbody tr").CountAsync());
        await session.ScreenshotAsync("district-desktop");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Overview_fits_a_phone_screen()
    {
        await using var session = await fixture.OpenAsync(375, 812);
        await session.GotoAsync("/");

        await session.AssertChartsDrawnAsync(".cards");
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync("overview-phone");
        await session.AssertNoProblemsAsync();
    }
}
