using System.Globalization;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// blazor.web.js in Chromium: a signed-in filter change patches the page in place (the window and its scripts live on)
/// with the new figures and charts; no page, staff or public, opens a circuit; anonymous public pages load no framework
/// script and are answered from the output cache.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EnhancedNavigationBrowserTests(BrowserFixture fixture)
{
    private const string Scorecard = $"/leader/scorecard?rubric={BrowserFixture.RubricId}&period={BrowserFixture.Period}";

    [Theory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task A_scorecard_period_change_shows_the_new_ranking_and_heat_map_without_a_full_reload(int width, int height, string size)
    {
        var before = fixture.ExpectedScore;
        var after = fixture.ExpectedEarlierScore;
        Assert.NotEqual(Totals(before), Totals(after));
        await using var session = await fixture.OpenAsync(width, height);
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        await session.GotoAsync(Scorecard);

        var totals = session.Page.Locator("table.scorecard tbody tr td.total");
        await Assertions.Expect(totals).ToHaveTextAsync(Totals(before));
        var heatMap = session.Page.Locator(".heatmap .chart");
        Assert.Equal(1, await session.AssertChartsDrawnAsync(".heatmap"));
        var optionsBefore = await heatMap.GetAttributeAsync("data-chart");
        await session.Page.EvaluateAsync("() => { window.__marker = 'same window'; }");

        await session.Page.SelectOptionAsync("form.pickers select[name=period]", BrowserFixture.EarlierPeriod);
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("form.pickers button[type=submit]"));

        Assert.Equal(
            new Uri(fixture.Host.BaseAddress, $"/leader/scorecard?rubric={BrowserFixture.RubricId}&period={BrowserFixture.EarlierPeriod}").ToString(),
            session.Page.Url);
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>("() => window.__marker"));
        await Assertions.Expect(totals).ToHaveTextAsync(Totals(after));
        var first = after.Towns[0];
        var firstRow = session.Page.Locator("table.scorecard tbody tr").First;
        await Assertions.Expect(firstRow.Locator("td.rank")).ToHaveTextAsync(first.Rank.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(firstRow.Locator("th a")).ToHaveTextAsync(first.Town.TownName);

        // The heat map is drawn again from the new quarter's options, once.
        Assert.Equal(1, await session.AssertChartsDrawnAsync(".heatmap"));
        Assert.NotEqual(optionsBefore, await heatMap.GetAttributeAsync("data-chart"));
        Assert.True(await heatMap.EvaluateAsync<bool>(BrowserSession.DrawnFromCurrentOptions), "the heat map still shows the earlier quarter, or was drawn twice");
        await session.ScreenshotAsync($"scorecard-enhanced-{size}");

        session.AssertNoCircuit(sockets);
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task A_scorecard_computed_on_first_visit_is_streamed_after_a_Chinese_loading_state()
    {
        var expected = fixture.ExpectedFirstQuarterScore;
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);

        var response = await session.GotoAsync($"/leader/scorecard?rubric={BrowserFixture.RubricId}&period={BrowserFixture.FirstQuarter}");

        // The answer starts with the loading state and carries the scorecard as a streamed update after it.
        BrowserSession.AssertStreamedAfterLoadingState(await response.TextAsync(), "正在计算2024年第1季度各街镇得分，请稍候…");
        // blazor.web.js has put the streamed scorecard in place of the loading state, and the charts are drawn.
        await Assertions.Expect(session.Page.Locator("p.loading")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.Locator("table.scorecard tbody tr td.total")).ToHaveTextAsync(Totals(expected));
        Assert.Equal(1, await session.AssertChartsDrawnAsync(".heatmap"));
        await session.ScreenshotAsync("scorecard-streamed-desktop");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Anonymous_public_pages_load_no_framework_script_open_no_circuit_and_come_from_the_cache()
    {
        // The output-cached pages; the methodology page is rendered per request.
        string[] cached = ["/open-data", $"/districts/{BrowserFixture.DistrictCode}", "/"];
        await using var session = await fixture.OpenAsync();
        var sockets = session.CountWebSockets();
        await session.GotoAsync("/methodology");

        foreach (var path in cached)
        {
            await session.GotoAsync(path);
            // The second answer of the same URL and data version comes from the output cache (it carries an Age).
            var again = await session.GotoAsync(path);
            Assert.Equal(200, again.Status);
            Assert.True((await again.AllHeadersAsync()).ContainsKey("age"), $"{path} was not answered from the cache");
        }

        Assert.Equal(0, sockets());
        Assert.DoesNotContain(session.Requests, url => url.Contains("/_blazor", StringComparison.Ordinal) || url.Contains("/_framework/", StringComparison.Ordinal));
        Assert.False(await session.Page.EvaluateAsync<bool>("() => 'Blazor' in window"));
        await session.AssertChartsDrawnAsync();
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task A_signed_in_session_loads_blazor_web_js_follows_links_in_place_and_opens_no_circuit()
    {
        await using var session = await fixture.OpenAsync();
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        await session.GotoAsync(Scorecard);
        var scripts = session.Requests.Count(IsBlazorWebJs);
        Assert.True(scripts > 0, "blazor.web.js was not loaded");
        await session.Page.EvaluateAsync("() => { window.__marker = 'same window'; }");

        // A menu link to a public page and back to a staff page: both patched in place, the public page's chart drawn.
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("header nav a[href='/']"));
        await session.AssertChartsDrawnAsync(".cards");
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("header nav a[href='/leader/compare']"));
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync("区际比较");
        Assert.Equal(1, await session.AssertChartsDrawnAsync(".bars"));
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>("() => window.__marker"));

        Assert.Equal(scripts, session.Requests.Count(IsBlazorWebJs));
        session.AssertNoCircuit(sockets);
        await session.ScreenshotAsync("compare-enhanced-desktop");
        await session.AssertNoProblemsAsync();
    }

    private static string[] Totals(DistrictScore score) =>
        score.Towns.Select(t => ResultText.Total(t.Town.Result)).ToArray();

    private static bool IsBlazorWebJs(string url) => url.EndsWith("/_framework/blazor.web.js", StringComparison.Ordinal);
}
