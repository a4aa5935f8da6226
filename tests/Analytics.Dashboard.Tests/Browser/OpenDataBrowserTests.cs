using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>The public site in Chromium: the Chinese API page from the menu, 404s for quarters without data, the sorted 街镇 chart.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenDataBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1366)]
    [InlineData(375)]
    public async Task The_menu_opens_the_Chinese_api_page_with_a_curl_line_and_a_live_answer_per_route(int width)
    {
        await using var session = await fixture.OpenAsync(width, width < 500 ? 812 : 900);
        await session.GotoAsync("/");
        await RoleBrowserTests.OpenMenuOnAPhoneAsync(session, width);
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("header a", new PageLocatorOptions { HasText = "开放数据 API" }));

        Assert.EndsWith("/open-data", session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync("开放数据 API");
        await Assertions.Expect(session.Page.Locator("section.api-route")).ToHaveCountAsync(7);
        await Assertions.Expect(session.Page.Locator("#districts pre.curl"))
            .ToHaveTextAsync($"curl '{fixture.Host.BaseAddress.ToString().TrimEnd('/')}/api/v1/districts?quarter={BrowserFixture.Period}'");
        await Assertions.Expect(session.Page.Locator("#districts pre.sample")).ToContainTextAsync($"\"quarter\": \"{BrowserFixture.Period}\"");
        await Assertions.Expect(session.Page.Locator("#quarters pre.sample")).ToContainTextAsync("\"2024Q3\"");
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync($"open-data-{(width < 500 ? "phone" : "desktop")}");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task A_quarter_without_data_is_a_404_with_no_figures_of_another_quarter()
    {
        await using var session = await fixture.OpenAsync();
        // .NET 10 sends a static page that set 404 without its body, which Chromium will not display: ask as a client does.
        var response = await session.Page.Context.APIRequest.GetAsync($"/districts/{BrowserFixture.DistrictCode}?quarter=2030Q1");

        Assert.Equal(404, response.Status);
        var body = await response.TextAsync();
        Assert.DoesNotContain("data-chart", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(375)]
    public async Task The_town_chart_runs_from_the_largest_value_down(int width)
    {
        await using var session = await fixture.OpenAsync(width, width < 500 ? 812 : 900);
        await session.GotoAsync($"/districts/{BrowserFixture.DistrictCode}");

        await session.AssertChartsDrawnAsync(".bars");
        var values = await session.Page.EvaluateAsync<double?[]>(
            "() => JSON.parse(document.querySelector('.bars .chart').dataset.chart).series[0].data");
        var shown = values.TakeWhile(v => v is not null).Select(v => v!.Value).ToList();
        Assert.Equal(shown.OrderDescending().ToList(), shown);
        Assert.All(values.Skip(shown.Count), v => Assert.Null(v));
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync($"district-sorted-{(width < 500 ? "phone" : "desktop")}");
        await session.AssertNoProblemsAsync();
    }
}
