using System.Globalization;
using Analytics.Dashboard.Leadership;
using Analytics.Metrics;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>The staff pages in Chromium: the login form, the leadership scorecard with its drill-down, the SQL console.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffPageBrowserTests(BrowserFixture fixture)
{
    private const string Scorecard = $"/leader/scorecard?rubric={BrowserFixture.RubricId}&period={BrowserFixture.Period}";

    [Fact]
    public async Task Login_with_a_wrong_password_shows_the_error_and_the_right_one_signs_in()
    {
        await using var session = await fixture.OpenAsync();

        await session.SignInAsync(BrowserFixture.Leader, "not-the-password");
        Assert.Contains("/account/login", session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("p.error[role=alert]")).ToHaveTextAsync("用户名或密码错误。多次失败后，每次登录尝试需要等待更长时间。");
        await session.ScreenshotAsync("login-error");

        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        Assert.Equal(new Uri(fixture.Host.BaseAddress, "/leader/scorecard?rubric=putuo-2024&period=2024Q4").ToString(), session.Page.Url);
        await Assertions.Expect(session.Page.Locator("header .who")).ToHaveTextAsync(BrowserFixture.Leader);
        await Assertions.Expect(session.Page.Locator("header nav a[href='/leader/scorecard']")).ToHaveTextAsync("考核排名");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Scorecard_ranks_every_town_as_the_scorer_does_and_drills_into_an_items_explanation()
    {
        var expected = fixture.ExpectedScore;
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        await session.GotoAsync(Scorecard);

        var rows = session.Page.Locator("table.scorecard tbody tr");
        Assert.Equal(fixture.ExpectedTowns, expected.Towns.Count);
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Towns.Count);
        var first = expected.Towns[0];
        await Assertions.Expect(rows.First.Locator("td.rank")).ToHaveTextAsync(first.Rank.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.First.Locator("th a")).ToHaveTextAsync(first.Town.TownName);
        await Assertions.Expect(rows.First.Locator("td.total")).ToHaveTextAsync(ResultText.Total(first.Town.Result));
        var last = expected.Towns[^1];
        await Assertions.Expect(rows.Last.Locator("td.total")).ToHaveTextAsync(ResultText.Total(last.Town.Result));
        Assert.Equal(1, await session.AssertChartsDrawnAsync(".heatmap"));
        await session.ScreenshotAsync("scorecard-desktop");

        // Drill down: the first-ranked 街镇; its page lists every item with the scorer's explanation in the item's row.
        await session.ClickAndWaitForNewUrlAsync(rows.First.Locator("th a"));
        Assert.Contains("/leader/scorecard/town", session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync($"{first.Town.TownName} 评分明细");
        var item = first.Town.Result.Items.First(i => i.Status == ItemStatus.Scored && i.Explanation.Length > 0);
        var row = session.Page.Locator($"table.items tbody tr[data-item='{item.Code}']");
        await Assertions.Expect(row.Locator("td.explanation")).ToHaveTextAsync(item.Explanation);
        await Assertions.Expect(row.Locator("td.score")).ToHaveTextAsync(LeadershipScores.Number(item.Score));
        await session.ScreenshotAsync("town-score-desktop");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Scorecard_fits_a_phone_screen_with_its_tables_scrolling_inside()
    {
        await using var session = await fixture.OpenAsync(375, 812);
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        await session.GotoAsync(Scorecard);

        await session.AssertChartsDrawnAsync(".heatmap");
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync("scorecard-phone");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Sql_console_runs_a_count_and_shows_it_in_the_grid()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(BrowserFixture.Analyst, BrowserFixture.Password);
        await session.GotoAsync("/analyst/sql");

        await session.Page.FillAsync("textarea#sql", $"SELECT count(*) AS n FROM {BrowserFixture.FactTable}");
        await session.Page.ClickAsync("form.sql-form button[type=submit]");

        // The form posts back to the same address; the grid exists only on the answer.
        var grid = session.Page.Locator("table#sql-result");
        await Assertions.Expect(grid.Locator("thead th")).ToHaveCountAsync(1);
        await Assertions.Expect(grid.Locator("thead th")).ToContainTextAsync("n");
        await Assertions.Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(grid.Locator("tbody td")).ToHaveTextAsync(fixture.ExpectedFactRows.ToString(CultureInfo.InvariantCulture));
        Assert.True(fixture.ExpectedFactRows > 0);
        await Assertions.Expect(session.Page.Locator("#sql-status")).ToContainTextAsync("共 1 行");
        await session.ScreenshotAsync("sql-console-desktop");
        await session.AssertNoProblemsAsync();
    }
}
