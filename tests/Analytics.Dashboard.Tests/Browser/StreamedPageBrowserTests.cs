using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Dashboard.Leadership;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Reports.Content;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// Streaming rendering in Chromium, desktop and phone: the 街镇 profile, the comparison and the flag list answer a
/// signed-in browser with the page shell and a Chinese loading state, then stream the content, which blazor.web.js puts
/// in place with its charts drawn once. The figures are the scorer's and the warehouse's, and the tables are the same as
/// in the finished page a client without blazor.web.js gets in one answer. No page opens a circuit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StreamedPageBrowserTests(BrowserFixture fixture)
{
    // Every chart container holds one SVG drawn by one ECharts instance: drawn once, not again after the streamed update.
    private const string DrawnOnce = """
        element => window.echarts.getInstanceByDom(element) !== undefined && element.querySelectorAll('svg').length === 1
        """;

    [Theory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task The_town_profile_streams_its_sections_trend_and_indicators_after_a_Chinese_loading_state(int width, int height, string size)
    {
        var rubric = RubricCatalog.Get(BrowserFixture.RubricId);
        Assert.True(AssessmentPeriod.TryParse(BrowserFixture.Period, out var period));
        var town = fixture.ExpectedScore.Towns[0];
        var path = LeaderLinks.Profile(rubric, period, town.Town.TownCode);
        await using var session = await fixture.OpenAsync(width, height);
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);

        var response = await session.GotoAsync(path);

        BrowserSession.AssertStreamedAfterLoadingState(await response.TextAsync(), "正在计算2024年第4季度该街镇的画像（各分项、趋势与关键指标），请稍候…");
        await Assertions.Expect(session.Page.Locator("p.loading")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync($"{town.Town.TownName} 画像");
        await Assertions.Expect(session.Page.Locator("p.summary a.rank")).ToHaveTextAsync(town.Rank.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(session.Page.Locator("p.summary a.total")).ToHaveTextAsync(town.Town.Result.Headline);
        foreach (var section in town.Town.Result.Sections.Where(s => rubric.Sections.First(r => r.Code == s.Code).Kind != SectionKind.Deduction))
        {
            await Assertions.Expect(session.Page.Locator($"table.profile-sections tr[data-section='{section.Code}'] td.score"))
                .ToHaveTextAsync(LeadershipScores.Number(section.Score));
        }

        Assert.Equal(2, await session.AssertChartsDrawnAsync());
        await AssertDrawnOnceAsync(session);
        await AssertSameTablesAsFinishedPageAsync(session, path, "table.profile-sections", "table.profile-trend", "table.profile-indicators");
        await session.ScreenshotAsync($"profile-streamed-{size}");
        session.AssertNoCircuit(sockets);
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task The_comparison_streams_the_districts_figures_after_a_Chinese_loading_state(int width, int height, string size)
    {
        const string indicatorCode = "socorg.registered";
        var path = $"/leader/compare?period={BrowserFixture.Period}&indicator={indicatorCode}";
        // 社会组织数: the active organisations of 松江 at the quarter, counted in the fact table before the host started.
        var songjiang = fixture.ExpectedOrganisations.Single(d => d.District == "松江区").Organisations;
        await using var session = await fixture.OpenAsync(width, height);
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);

        var response = await session.GotoAsync(path);

        BrowserSession.AssertStreamedAfterLoadingState(await response.TextAsync(), "正在读取各区指标与同比，请稍候…");
        await Assertions.Expect(session.Page.Locator("p.loading")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.Locator("h2")).ToHaveTextAsync($"各区指标（{BrowserFixture.Period}）");
        var districts = await session.Page.Locator("table.comparison thead th[data-district]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.district)");
        var column = Array.IndexOf(districts, BrowserFixture.DistrictCode);
        Assert.True(column >= 0, "松江 has no column");
        await Assertions.Expect(session.Page.Locator($"table.comparison tr[data-indicator='{indicatorCode}'] td.value").Nth(column))
            .ToHaveTextAsync(ChineseNumbers.Value(IndicatorCatalog.Find(indicatorCode)!, songjiang));

        Assert.Equal(1, await session.AssertChartsDrawnAsync(".bars"));
        Assert.True(await session.Page.Locator(".bars .chart").EvaluateAsync<bool>(BrowserSession.DrawnFromCurrentOptions), "the bars do not show the streamed options, or were drawn twice");
        await AssertSameTablesAsFinishedPageAsync(session, path, "table.comparison");
        await session.ScreenshotAsync($"compare-streamed-{size}");
        session.AssertNoCircuit(sockets);
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task The_flag_list_streams_every_quarters_flags_after_a_Chinese_loading_state(int width, int height, string size)
    {
        const string path = $"/leader/flags?district={BrowserFixture.DistrictCode}";
        await using var session = await fixture.OpenAsync(width, height);
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        var finished = new HtmlParser().ParseDocument(await session.FinishedPageAsync(path));
        var expectedRows = finished.QuerySelectorAll("table.flags tbody tr").Length;
        Assert.True(expectedRows > 0, "松江 has no flags");

        var response = await session.GotoAsync(path);

        BrowserSession.AssertStreamedAfterLoadingState(await response.TextAsync(), "正在读取各季度的提示与处理登记，请稍候…");
        await Assertions.Expect(session.Page.Locator("p.loading")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.Locator("table.flags tbody tr")).ToHaveCountAsync(expectedRows);
        await Assertions.Expect(session.Page.Locator("table.flags tbody tr td:nth-child(2)").First).ToContainTextAsync("松江区");
        await Assertions.Expect(session.Page.Locator("form.pickers select[name=district] option[selected]")).ToHaveTextAsync("松江区");
        await AssertSameTablesAsFinishedPageAsync(session, path, "table.flags");
        await session.ScreenshotAsync($"flags-streamed-{size}");
        session.AssertNoCircuit(sockets);
        await session.AssertNoProblemsAsync();
    }

    private static async Task AssertDrawnOnceAsync(BrowserSession session)
    {
        var charts = session.Page.Locator(".chart");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            Assert.True(await charts.Nth(i).EvaluateAsync<bool>(DrawnOnce), $"chart {i + 1} was not drawn once");
        }
    }

    /// <summary>Each table's text in the browser is the text of the same table in the finished (not streamed) page.</summary>
    private static async Task AssertSameTablesAsFinishedPageAsync(BrowserSession session, string path, params string[] tables)
    {
        var finished = new HtmlParser().ParseDocument(await session.FinishedPageAsync(path));
        foreach (var table in tables)
        {
            var expected = finished.QuerySelector(table)?.TextContent;
            Assert.False(string.IsNullOrWhiteSpace(expected), $"the finished page has no {table}");
            Assert.Equal(Collapse(expected), Collapse(await session.Page.Locator(table).TextContentAsync()));
        }
    }

    private static string Collapse(string? text) => Regex.Replace(text ?? "", @"\s+", " ").Trim();
}
