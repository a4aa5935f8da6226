using System.Text.Json;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// Charts lead somewhere, in Chromium at desktop and phone size: a public 街镇 bar opens that 街镇's public page with its
/// counts and per-capita rates; a leader's ranking bar opens the 街镇's items and a heat-map cell, whose tooltip names
/// the 街镇, opens its items at that section.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartClickBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1440, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task A_public_town_bar_opens_the_towns_public_page_with_its_rates(int width, int height, string size)
    {
        await using var session = await fixture.OpenAsync(width, height);
        await session.GotoAsync($"/districts/{BrowserFixture.DistrictCode}?quarter={BrowserFixture.Period}&indicator=eldercare_beds&view=rate");
        await session.AssertChartsDrawnAsync(".bars");
        await Assertions.Expect(session.Page.Locator("section.stat-table th.rate").First).ToBeVisibleAsync();
        await session.ScreenshotAsync($"district-rates-{size}");

        var chart = session.Page.Locator(".bars .chart");
        var options = JsonDocument.Parse((await chart.GetAttributeAsync("data-chart"))!).RootElement;
        var first = options.GetProperty("yAxis").GetProperty("data")[0].GetString()!;
        var value = options.GetProperty("series")[0].GetProperty("data")[0].GetDouble();
        await session.ClickChartAsync(chart, value / 2, 0);

        Assert.Contains($"/districts/{BrowserFixture.DistrictCode}/towns/", session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("h1")).ToContainTextAsync(first);
        await Assertions.Expect(session.Page.Locator(".town-figures tr[data-indicator='eldercare_beds'] td[data-rate]"))
            .ToHaveTextAsync(Analytics.Reports.Content.ChineseNumbers.Rate((decimal)value));
        await session.AssertChartsDrawnAsync(".cards");
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync($"town-page-{size}");
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1440, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task A_heat_map_cell_names_its_town_and_opens_its_items_and_a_ranking_bar_opens_the_towns_items(int width, int height, string size)
    {
        await using var session = await fixture.OpenAsync(width, height);
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        var scorecard = $"/leader/scorecard?rubric={BrowserFixture.RubricId}&period={BrowserFixture.Period}";
        await session.GotoAsync(scorecard);
        await session.AssertChartsDrawnAsync(".heatmap");

        var heat = session.Page.Locator(".heatmap .chart");
        var heatOptions = JsonDocument.Parse((await heat.GetAttributeAsync("data-chart"))!).RootElement;
        var town = heatOptions.GetProperty("yAxis").GetProperty("data")[1].GetString()!;
        var section = heatOptions.GetProperty("xAxis").GetProperty("data")[0].GetString()!;
        await heat.ScrollIntoViewIfNeededAsync();
        var (x, y) = await session.ChartPointAsync(heat, 0, 1);
        await session.Page.Mouse.MoveAsync(x, y);
        var tooltip = heat.Locator("div").Filter(new LocatorFilterOptions { HasText = " · " }).Last;
        await Assertions.Expect(tooltip).ToContainTextAsync($"{town} · {section}：");
        await session.ScreenshotAsync($"scorecard-heat-tooltip-{size}");

        await session.ClickChartAsync(heat, 0, 1);
        Assert.Contains("/leader/scorecard/town?", session.Page.Url, StringComparison.Ordinal);
        Assert.Contains("town=" + Uri.EscapeDataString(fixture.ExpectedScore.Towns.Single(t => t.Town.TownName == town).Town.TownCode), session.Page.Url, StringComparison.Ordinal);
        Assert.Contains("#section-", session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("h1")).ToContainTextAsync(town);

        await session.GotoAsync(scorecard);
        var ranking = session.Page.Locator(".ranking-chart .chart");
        await session.AssertChartsDrawnAsync(".ranking-chart");
        var rankingOptions = JsonDocument.Parse((await ranking.GetAttributeAsync("data-chart"))!).RootElement;
        var first = fixture.ExpectedScore.Towns.Single(t => t.Town.TownName == rankingOptions.GetProperty("yAxis").GetProperty("data")[0].GetString()).Town;
        Assert.Equal(1, fixture.ExpectedScore.Towns.Single(t => t.Town.TownCode == first.TownCode).Rank);
        var firstBar = rankingOptions.GetProperty("series")[0].GetProperty("data")[0];
        var barValue = firstBar.ValueKind == JsonValueKind.Object ? firstBar.GetProperty("value").GetDouble() : firstBar.GetDouble();
        await session.ClickChartAsync(ranking, barValue / 2, 0);
        Assert.Contains("town=" + Uri.EscapeDataString(first.TownCode), session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("h1")).ToContainTextAsync(first.TownName);
        await session.ScreenshotAsync($"ranking-bar-click-{size}");
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("/districts/310107/nope")]
    [InlineData("/districts/310117/towns/nope")]
    [InlineData("/methodology/nope")]
    [InlineData("/open-data/nope")]
    public async Task An_unknown_public_path_shows_the_styled_Chinese_404(string path)
    {
        await using var session = await fixture.OpenAsync();

        var response = await session.GotoAsync(path);

        Assert.Equal(404, response.Status);
        await Assertions.Expect(session.Page.Locator(".error-page h1")).ToHaveTextAsync("页面不存在");
        await Assertions.Expect(session.Page.Locator("header.top")).ToBeVisibleAsync();
    }
}
