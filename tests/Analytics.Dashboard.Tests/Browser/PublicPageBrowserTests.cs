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

    [Theory]
    [InlineData(1440, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task A_withheld_rate_reads_in_words_on_the_towns_page_and_in_the_district_table(int width, int height, string size)
    {
        // 岳阳街道 2024Q4 has 5 elderly-care institutions: "<10", so their rate per 1,000 elderly is withheld.
        await using var session = await fixture.OpenAsync(width, height);
        await session.GotoAsync($"/districts/{BrowserFixture.DistrictCode}/towns/{Uri.EscapeDataString("岳阳街道")}?quarter={BrowserFixture.Period}");
        var institutions = session.Page.Locator(".town-figures tr[data-indicator='eldercare_institutions']");
        await Assertions.Expect(institutions.Locator("td[data-count]")).ToHaveTextAsync("<10");
        await Assertions.Expect(institutions.Locator("td[data-rate]")).ToHaveTextAsync("不公布");
        await Assertions.Expect(session.Page.Locator(".town-figures p.note")).ToContainTextAsync("按人口一并不予公布，显示为“不公布”");
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync($"withheld-rate-town-{size}");

        await session.GotoAsync($"/districts/{BrowserFixture.DistrictCode}?quarter={BrowserFixture.Period}");
        var yueyang = session.Page.Locator("section.stat-table tbody tr").Filter(new LocatorFilterOptions { HasText = "岳阳街道" });
        await Assertions.Expect(yueyang.Locator("td[data-rate='BelowThreshold']").First).ToHaveTextAsync("不公布");
        await Assertions.Expect(session.Page.Locator("section.stat-table td[data-rate]").Filter(new LocatorFilterOptions { HasText = "<" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync($"withheld-rate-district-{size}");
        await session.AssertNoProblemsAsync();
    }
}
