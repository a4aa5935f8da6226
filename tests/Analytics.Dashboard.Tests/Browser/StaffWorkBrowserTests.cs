using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// The work pages in Chromium, desktop and phone: a stale briefing regenerated from the list with its progress and its
/// earlier version kept, the evaluator grid saving several rows at once with errors beside the fields and the score
/// detail open to evaluators, and the SQL console's PIVOT and history.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffWorkBrowserTests(BrowserFixture fixture)
{
    private const string Briefings = $"/leader/briefings?period={BrowserFixture.Period}&district={BrowserFixture.StaleDistrictCode}";
    // Judged in the earlier quarter: the other browser tests compare the latest quarter's ranking with the scorer's.
    private const string EvaluatorByItem = $"/evaluator?rubric={BrowserFixture.RubricId}&period=2024Q3&view=item&item=S1.2&status=pending";

    [Fact]
    public async Task A_stale_briefing_is_marked_regenerated_from_the_list_with_progress_and_its_earlier_version_kept()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        await session.GotoAsync(Briefings);

        var row = session.Page.Locator("table.briefings tbody tr", new PageLocatorOptions { HasText = fixture.StaleTownName });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-stale", "true");
        await Assertions.Expect(row.Locator("td.freshness strong.stale")).ToHaveTextAsync("需重新生成");
        await Assertions.Expect(row.Locator("td.freshness .changes")).ToHaveTextAsync("视情给分或督查发现已变更");
        await session.ScreenshotAsync("briefings-stale-desktop");

        // The regenerate form is posted by blazor.web.js and the answer patched in: the same window shows the progress.
        await session.Page.EvaluateAsync("() => { window.__marker = 'same window'; }");
        await session.ClickAndWaitForNewUrlAsync(row.Locator("form.regenerate button"));
        Assert.Contains("started=", session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("#briefing-progress .text")).ToContainTextAsync("正在生成 " + BrowserFixture.Period);
        await Assertions.Expect(session.Page.Locator("#briefing-progress progress")).ToBeVisibleAsync();
        await session.ScreenshotAsync("briefings-progress-desktop");

        // The list is fetched again once the run ends: every 青浦 document is current again, the town's first file a
        // version. The whole district prints again (a dozen documents), which took over 4 minutes on a loaded 2-core machine.
        var fresh = session.Page.Locator("table.briefings tbody tr", new PageLocatorOptions { HasText = fixture.StaleTownName });
        await Assertions.Expect(fresh).ToHaveAttributeAsync("data-stale", "false", new() { Timeout = 600_000 });
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>("() => window.__marker"));
        Assert.DoesNotContain("started=", session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("table.briefings tbody tr[data-stale='true']")).ToHaveCountAsync(0);
        await Assertions.Expect(fresh.Locator("details.versions summary")).ToHaveTextAsync("历史版本（1）");
        await fresh.Locator("details.versions summary").ClickAsync();
        var earlier = fresh.Locator("details.versions li a");
        var response = await session.Page.APIRequest.GetAsync((await earlier.GetAttributeAsync("href"))!);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        await session.ScreenshotAsync("briefings-regenerated-desktop");
        await session.AssertNoProblemsAsync();

        await using var phone = await fixture.OpenAsync(375, 812);
        await phone.SignInAsync(BrowserFixture.Leader, BrowserFixture.Password);
        await phone.GotoAsync(Briefings);
        await phone.AssertNoHorizontalOverflowAsync();
        await phone.ScreenshotAsync("briefings-phone");
    }

    [Fact]
    public async Task The_evaluator_grid_saves_an_item_for_several_towns_at_once_and_shows_errors_beside_their_fields()
    {
        await using var session = await fixture.OpenAsync();
        await session.SignInAsync(BrowserFixture.Evaluator, BrowserFixture.Password);
        await session.GotoAsync(EvaluatorByItem);

        var rows = session.Page.Locator("table.judgements tbody tr[data-pending='true']");
        var pendingBefore = await rows.CountAsync();
        Assert.True(pendingBefore >= 3, $"{pendingBefore} pending rows");
        await rows.Nth(0).Locator("td.entry input").FillAsync("8");
        await rows.Nth(0).Locator("td.entry-reason textarea").FillAsync("会议记录齐全");
        await rows.Nth(1).Locator("td.entry input").FillAsync("12");
        await rows.Nth(1).Locator("td.entry-reason textarea").FillAsync("超过满分");
        await session.Page.Locator("form.judgement-grid button[type=submit]").ClickAsync();

        var error = session.Page.Locator("table.judgements tr .field-error");
        await Assertions.Expect(error).ToHaveCountAsync(1);
        await Assertions.Expect(error).ToContainTextAsync("超出允许范围 0–10");
        await Assertions.Expect(session.Page.Locator("#judgement-error")).ToContainTextAsync("本次未保存任何评分");
        await session.ScreenshotAsync("evaluator-grid-error-desktop");

        var fixedRows = session.Page.Locator("table.judgements tbody tr[data-pending='true']");
        await fixedRows.Nth(1).Locator("td.entry input").FillAsync("6");
        await session.Page.Locator("form.judgement-grid button[type=submit]").ClickAsync();
        await Assertions.Expect(session.Page.Locator("#judgement-saved")).ToContainTextAsync("已保存 2 项");
        await Assertions.Expect(session.Page.Locator("table.judgements tbody tr[data-pending='true']")).ToHaveCountAsync(pendingBefore - 2);
        await Assertions.Expect(session.Page.Locator("table.judgement-history tbody tr")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("evaluator-grid-saved-desktop");

        // 查看评分明细 of one 街镇 is open to evaluators, with the way back to their grid.
        await session.GotoAsync($"/evaluator?rubric={BrowserFixture.RubricId}&period={BrowserFixture.Period}");
        await session.ClickAndWaitForNewUrlAsync(session.Page.Locator("p.note a", new PageLocatorOptions { HasText = "查看评分明细" }));
        await Assertions.Expect(session.Page.Locator("h1")).ToContainTextAsync("评分明细");
        await Assertions.Expect(session.Page.Locator("table.items tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.Locator("a.back-evaluator")).ToHaveTextAsync("← 返回视情给分");
        await session.ScreenshotAsync("evaluator-score-detail-desktop");
        await session.AssertNoProblemsAsync();

        await using var phone = await fixture.OpenAsync(375, 812);
        await phone.SignInAsync(BrowserFixture.Evaluator, BrowserFixture.Password);
        await phone.GotoAsync(EvaluatorByItem);
        await phone.AssertNoHorizontalOverflowAsync();
        await phone.ScreenshotAsync("evaluator-grid-phone");
    }

    [Fact]
    public async Task The_console_runs_a_pivot_and_a_long_query_in_the_history_does_not_widen_the_page()
    {
        var longName = "x" + new string('y', 400);
        foreach (var (width, height, name) in new[] { (1440, 900, "desktop"), (375, 812, "phone") })
        {
            await using var session = await fixture.OpenAsync(width, height);
            await session.SignInAsync(BrowserFixture.Analyst, BrowserFixture.Password);
            await session.GotoAsync("/analyst/sql");
            await session.Page.FillAsync("textarea#sql", $"SELECT 1 AS {longName}");
            await session.Page.ClickAsync("form.sql-form button[type=submit]");
            await Assertions.Expect(session.Page.Locator("#sql-history li").First).ToContainTextAsync(longName);

            await session.Page.FillAsync("textarea#sql", "PIVOT (SELECT level, rubric_id FROM score_result) ON level USING count(*) ORDER BY rubric_id");
            await session.Page.ClickAsync("form.sql-form button[type=submit]");
            await Assertions.Expect(session.Page.Locator("#sql-error")).ToHaveCountAsync(0);
            await Assertions.Expect(session.Page.Locator("#sql-result thead th")).ToHaveCountAsync(3);
            await Assertions.Expect(session.Page.Locator("#sql-result tbody tr")).ToHaveCountAsync(4);
            await session.AssertNoHorizontalOverflowAsync();
            await session.ScreenshotAsync($"sql-console-pivot-{name}");
            await session.AssertNoProblemsAsync();
        }
    }
}
