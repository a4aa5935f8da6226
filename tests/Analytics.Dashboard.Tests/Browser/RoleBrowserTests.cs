using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// Each role's first steps in Chromium, at desktop and phone size: where a sign-in lands, the admin pages' schedules
/// in words, filters and forms, and the comparison page's formatted, coloured figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleBrowserTests(BrowserFixture fixture)
{
    /// <summary>The fixture's warehouse holds 2024Q3–2024Q4; see LandingTests for why these are the landing pages.</summary>
    private const string LeaderLanding = "/leader/scorecard?rubric=putuo-2024&period=2024Q4";
    private const string EvaluatorLanding = "/evaluator?rubric=qingpu-2024&period=2024&status=pending";

    [Theory]
    [InlineData(BrowserFixture.Leader, LeaderLanding, "leader", 1366)]
    [InlineData(BrowserFixture.Leader, LeaderLanding, "leader", 375)]
    [InlineData(BrowserFixture.Evaluator, EvaluatorLanding, "evaluator", 1366)]
    [InlineData(BrowserFixture.Evaluator, EvaluatorLanding, "evaluator", 375)]
    [InlineData(BrowserFixture.Analyst, "/analyst/sql", "analyst", 1366)]
    [InlineData("admin", "/admin", "admin", 1366)]
    public async Task Signing_in_from_the_login_link_lands_on_the_roles_work(string user, string landing, string name, int width)
    {
        await using var session = await fixture.OpenAsync(width, width < 500 ? 812 : 900);
        await session.GotoAsync("/");
        await OpenMenuOnAPhoneAsync(session, width);
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("header a[href='/account/login']"));
        await session.Page.FillAsync("input[name=username]", user);
        await session.Page.FillAsync("input[name=password]", BrowserFixture.Password);
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("form[action='/account/signin'] button[type=submit]"));

        Assert.Equal(new Uri(fixture.Host.BaseAddress, landing).ToString(), session.Page.Url);
        await Assertions.Expect(session.Page.Locator("header .who")).ToHaveTextAsync(user);
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync($"landing-{name}-{(width < 500 ? "phone" : "desktop")}");
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(375)]
    public async Task The_jobs_page_states_each_schedule_in_words(int width)
    {
        await using var session = await SignedInAsync("admin", width);
        await session.GotoAsync("/admin/jobs");

        var schedules = session.Page.Locator("td.schedule .words");
        await Assertions.Expect(schedules).ToHaveCountAsync(6);
        Assert.All(await schedules.AllTextContentsAsync(), text => Assert.Equal("每季度首月 5 日 02:00", text));
        await session.ScreenshotAsync($"admin-jobs-{(width < 500 ? "phone" : "desktop")}");
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(375)]
    public async Task Role_checkboxes_sit_beside_their_labels(int width)
    {
        await using var session = await SignedInAsync("admin", width);
        await session.GotoAsync("/admin/users");

        // The roles, then 全市 and each district.
        var labels = session.Page.Locator("fieldset label");
        var count = Analytics.Dashboard.Security.Roles.All.Count + 1 + Analytics.Reports.Content.RubricChoice.Districts.Count;
        await Assertions.Expect(labels).ToHaveCountAsync(count);
        for (var i = 0; i < count; i++)
        {
            var label = await labels.Nth(i).BoundingBoxAsync();
            var box = await labels.Nth(i).Locator("input[type=checkbox]").BoundingBoxAsync();
            Assert.NotNull(label);
            Assert.NotNull(box);
            // One line: the label is hardly taller than its box, and its text starts right of the box.
            Assert.True(label.Height < box.Height * 2, $"label {i} is {label.Height} px tall beside a {box.Height} px box");
            Assert.True(label.Width > box.Width * 2, $"label {i} is {label.Width} px wide");
        }

        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync($"admin-users-{(width < 500 ? "phone" : "desktop")}");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task The_audit_log_filters_by_action_and_shows_Chinese_details()
    {
        await using var session = await SignedInAsync("admin", 1366);
        await session.GotoAsync("/admin/audit");
        await session.Page.SelectOptionAsync("select[name=action]", "login");
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("form.audit-filter button[type=submit]"));

        Assert.Contains("action=login", session.Page.Url, StringComparison.Ordinal);
        var actions = await session.Page.Locator("table.audit tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.NotEmpty(actions);
        Assert.All(actions, action => Assert.Equal("login", action));
        Assert.DoesNotContain("\\u", await session.Page.Locator("table.audit").TextContentAsync() ?? "", StringComparison.Ordinal);
        await session.ScreenshotAsync("admin-audit-desktop");
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(375)]
    public async Task The_comparison_formats_figures_as_the_briefing_and_colours_nothing_without_a_base(int width)
    {
        await using var session = await SignedInAsync(BrowserFixture.Leader, width);
        await session.GotoAsync($"/leader/compare?period={BrowserFixture.Period}");

        var amount = session.Page.Locator("tr[data-indicator='assistance.payment_amount'] td.value").First;
        await Assertions.Expect(amount).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,3}(,\d{3})*\.\d{2} 万元$"));
        await Assertions.Expect(session.Page.Locator("tr[data-indicator='dibao.recipients'] td.per-capita").First)
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,.]+/万人$"));
        // The fixture has no 2023, so no 同比 and nothing coloured.
        Assert.Equal(0, await session.Page.Locator("td.yoy.better, td.yoy.worse").CountAsync());
        await session.AssertNoHorizontalOverflowAsync();
        await session.ScreenshotAsync($"compare-{(width < 500 ? "phone" : "desktop")}");
        await session.AssertNoProblemsAsync();
    }

    /// <summary>On a phone the header's links fold behind the 菜单 toggle.</summary>
    internal static async Task OpenMenuOnAPhoneAsync(BrowserSession session, int width)
    {
        if (width < 600)
        {
            await session.Page.ClickAsync("label.nav-button");
        }
    }

    private async Task<BrowserSession> SignedInAsync(string user, int width)
    {
        var session = await fixture.OpenAsync(width, width < 500 ? 812 : 900);
        await session.SignInAsync(user, BrowserFixture.Password);
        return session;
    }
}
