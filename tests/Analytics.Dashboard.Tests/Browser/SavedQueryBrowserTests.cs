using System.Globalization;
using System.Text.Json;
using Analytics.Dashboard.SavedQueries;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// The console's saved and shared queries and the chart of a result in Chromium, desktop and phone: one analyst draws a
/// bar chart of organisations per district, is told beside the field that a title is needed, saves the query shared; a
/// colleague finds it under 共享查询 with the author's name and opens it by its link, with the SQL in the editor and the
/// chart drawn.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SavedQueryBrowserTests(BrowserFixture fixture)
{
    /// <summary>A category and a numeric column: active (正常) registered organisations per district at the fixture's last quarter.</summary>
    private const string Sql =
        "SELECT d.district_name, count(*) AS organisations FROM fact_socialorg_organisations f " +
        "JOIN (SELECT DISTINCT district_code, district_name FROM dim_region) d USING (district_code) " +
        $"WHERE f.quarter_key = (SELECT quarter_key FROM dim_quarter WHERE label = '{BrowserFixture.Period}') AND f.status = 'active' " +
        "GROUP BY d.district_name ORDER BY organisations DESC, d.district_name";

    [Theory]
    [InlineData(1440, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task A_shared_query_and_its_bar_chart_open_for_another_analyst_by_its_link(int width, int height, string name)
    {
        // Titles are unique per author, and both screen sizes save as the same analyst.
        var title = $"各区正常登记的社会组织（{width} 像素）";
        var expected = fixture.ExpectedOrganisations;
        Assert.Equal(4, expected.Count);

        await using var author = await fixture.OpenAsync(width, height);
        await author.SignInAsync(BrowserFixture.Analyst, BrowserFixture.Password);
        await author.GotoAsync("/analyst/sql");
        await author.Page.FillAsync("textarea#sql", Sql);
        await author.Page.ClickAsync("form.sql-form button[type=submit]");
        var cells = author.Page.Locator("#sql-result tbody td");
        await Assertions.Expect(cells).ToHaveTextAsync(expected.SelectMany(e => new[] { e.District, Text(e.Organisations) }).ToArray());

        await author.Page.SelectOptionAsync("#chart-kind", ChartSettings.Bar);
        await author.Page.ClickAsync("#chart-draw");
        await AssertBarChartAsync(author, expected);
        await author.ScreenshotAsync($"result-chart-{name}");

        // An empty title: the error sits beside the title field, and the result and its chart stay on the page.
        await author.Page.ClickAsync("#save-query");
        var titleError = author.Page.Locator("#save-title-error");
        await Assertions.Expect(titleError).ToHaveTextAsync("请填写标题。");
        await AssertBesideAsync(titleError, author.Page.Locator("#save-title"));
        await author.AssertOnScreenAsync(titleError);
        await AssertBarChartAsync(author, expected);

        await author.Page.FillAsync("#save-title", title);
        await author.Page.CheckAsync("#save-shared");
        await author.ClickAndWaitForNewUrlAsync(author.Page.Locator("#save-query"));
        var link = new Uri(author.Page.Url).PathAndQuery;
        Assert.StartsWith("/analyst/sql?query=", link, StringComparison.Ordinal);
        var mine = author.Page.Locator("#my-queries li", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(mine.Locator("a")).ToHaveAttributeAsync("href", link);
        await Assertions.Expect(mine.Locator(".badge")).ToHaveTextAsync("已共享");
        await AssertBarChartAsync(author, expected);
        await author.AssertNoProblemsAsync();

        await using var colleague = await fixture.OpenAsync(width, height);
        await colleague.SignInAsync(BrowserFixture.Colleague, BrowserFixture.Password);
        await colleague.GotoAsync("/analyst/sql");
        var shared = colleague.Page.Locator("#shared-queries li", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(shared.Locator("small").First).ToContainTextAsync($"{BrowserFixture.Analyst} · ");
        await colleague.ClickAndWaitForNewUrlAsync(shared.Locator("a"));

        Assert.Equal(link, new Uri(colleague.Page.Url).PathAndQuery);
        await Assertions.Expect(colleague.Page.Locator("textarea#sql")).ToHaveValueAsync(Sql);
        var opened = colleague.Page.Locator("#saved-query-open");
        await Assertions.Expect(opened.Locator("strong")).ToHaveTextAsync(title);
        await Assertions.Expect(opened).ToContainTextAsync($"{BrowserFixture.Analyst} 共享");
        await AssertBarChartAsync(colleague, expected);
        await colleague.AssertOnScreenAsync(colleague.Page.Locator("#save-query"));
        await colleague.AssertNoHorizontalOverflowAsync();
        await colleague.ScreenshotAsync($"saved-query-{name}");
        await colleague.AssertNoProblemsAsync();
    }

    /// <summary>
    /// One bar chart in the chart section, on screen, drawn by ECharts with a category per district (each named on the
    /// axis) and one series of the expected counts, in the result's order.
    /// </summary>
    private static async Task AssertBarChartAsync(BrowserSession session, IReadOnlyList<(string District, long Organisations)> expected)
    {
        Assert.Equal(1, await session.AssertChartsDrawnAsync("#result-chart"));
        var chart = session.Page.Locator("#result-chart .chart");
        await session.AssertOnScreenAsync(chart);
        var drawn = JsonDocument.Parse(await chart.EvaluateAsync<string>("""
            element => {
              const option = window.echarts.getInstanceByDom(element).getOption();
              return JSON.stringify({
                series: option.series.map(s => ({ type: s.type, data: s.data })),
                categories: option.xAxis[0].data,
                labels: [...element.querySelectorAll('svg text')].map(t => t.textContent)
              });
            }
            """)).RootElement;

        var series = drawn.GetProperty("series").EnumerateArray().ToList();
        Assert.Single(series);
        Assert.Equal("bar", series[0].GetProperty("type").GetString());
        Assert.Equal(expected.Select(e => e.Organisations), series[0].GetProperty("data").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal(expected.Select(e => e.District), drawn.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var labels = drawn.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.All(expected, e => Assert.Contains(e.District, labels));
    }

    /// <summary>The message starts beside the field (to its right on the same line, or directly below it), not elsewhere on the page.</summary>
    private static async Task AssertBesideAsync(ILocator message, ILocator field)
    {
        var text = await message.BoundingBoxAsync();
        var box = await field.BoundingBoxAsync();
        Assert.NotNull(text);
        Assert.NotNull(box);
        var sameLine = text.Y < box.Y + box.Height && text.Y + text.Height > box.Y && text.X >= box.X + box.Width;
        var below = text.Y >= box.Y + box.Height && text.Y <= box.Y + box.Height + 12 && text.X < box.X + box.Width;
        Assert.True(sameLine || below, $"the message at ({text.X}, {text.Y}) is not beside the field at ({box.X}, {box.Y}) {box.Width}×{box.Height}");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
