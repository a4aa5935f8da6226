using System.Globalization;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// Enhanced form posts in Chromium, desktop and phone: the flag review, the evaluator grid and the SQL console post
/// through blazor.web.js (with their antiforgery token) and the answer is patched into the same window — a refused post
/// shows its Chinese error beside the field, an accepted one the saved values — with no circuit. The console's export
/// stays an ordinary post whose answer is a downloaded file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EnhancedPostBrowserTests(BrowserFixture fixture)
{
    private const string Marker = "() => { window.__marker = 'same window'; }";
    private const string ReadMarker = "() => window.__marker";

    [Theory]
    [InlineData(1366, 900, "desktop", 0)]
    [InlineData(375, 812, "phone", 1)]
    public async Task A_flag_review_post_shows_its_error_beside_the_note_then_the_saved_status_in_the_same_window(int width, int height, string size, int flagRow)
    {
        await using var session = await fixture.OpenAsync(width, height);
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Evaluator, BrowserFixture.Password);
        await session.GotoAsync("/leader/flags?category=data");
        var row = session.Page.Locator("table.flags tbody tr").Nth(flagRow);
        var key = await row.GetAttributeAsync("data-flag");
        Assert.NotNull(key);
        await session.ClickAndWaitForNewUrlAsync(row.Locator("a", new LocatorLocatorOptions { HasText = "处理" }));
        var form = session.Page.Locator("form.flag-review-form");
        await Assertions.Expect(form.Locator("input[name=__RequestVerificationToken]")).ToHaveCountAsync(1);
        await session.Page.EvaluateAsync(Marker);

        // 已核实 without its 处理说明 is refused, beside the note field.
        await form.Locator("select[name=status]").SelectOptionAsync("verified");
        await form.Locator("input[name=owner]").FillAsync("王科长");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator("#flag-error")).ToHaveTextAsync("标记为已核实须写明核实或处理情况");
        await Assertions.Expect(form.Locator("textarea[name=note]")).ToHaveAttributeAsync("aria-invalid", "true");
        // What was posted stays in the form, so only the note is missing.
        await Assertions.Expect(form.Locator("select[name=status]")).ToHaveValueAsync("verified");
        await Assertions.Expect(form.Locator("input[name=owner]")).ToHaveValueAsync("王科长");
        await Assertions.Expect(session.Page.Locator("table.flag-history tbody tr")).ToHaveCountAsync(0);
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));

        await form.Locator("textarea[name=note]").FillAsync("已电话核实台账，数字无误");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(session.Page.Locator("#flag-saved")).ToHaveTextAsync("已保存：已核实，责任人 王科长。");
        await Assertions.Expect(session.Page.Locator("#flag-error")).ToHaveCountAsync(0);
        var history = session.Page.Locator("table.flag-history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await Assertions.Expect(history.Locator("td.by")).ToHaveTextAsync(BrowserFixture.Evaluator);
        await Assertions.Expect(history.Locator("td.status")).ToHaveTextAsync("已核实");
        await Assertions.Expect(history.Locator("td.note")).ToHaveTextAsync("已电话核实台账，数字无误");
        var listed = session.Page.Locator($"table.flags tbody tr[data-flag='{key}']");
        await Assertions.Expect(listed.Locator("td.status")).ToHaveTextAsync("已核实");
        await Assertions.Expect(listed.Locator("td.owner")).ToHaveTextAsync("王科长");
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));
        Assert.Contains("flag=", session.Page.Url, StringComparison.Ordinal);

        await session.ScreenshotAsync($"flag-review-enhanced-{size}");
        session.AssertNoCircuit(sockets);
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1366, 900, "desktop", "S2.1")]
    [InlineData(375, 812, "phone", "S2.2")]
    public async Task An_evaluator_grid_post_shows_the_error_beside_its_field_then_the_saved_score_in_the_same_window(int width, int height, string size, string item)
    {
        // The earlier quarter and items no other browser test judges; the latest quarter's ranking is compared with the scorer's.
        var path = $"/evaluator?rubric={BrowserFixture.RubricId}&period=2024Q3&view=item&item={item}";
        await using var session = await fixture.OpenAsync(width, height);
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Evaluator, BrowserFixture.Password);
        await session.GotoAsync(path);
        var first = session.Page.Locator("table.judgements tbody tr[data-pending='true']").First;
        var townCode = await first.GetAttributeAsync("data-town");
        var townName = (await first.Locator("th.town").TextContentAsync())!.Trim();
        var row = session.Page.Locator($"table.judgements tbody tr[data-town='{townCode}'][data-item='{item}']");
        await Assertions.Expect(session.Page.Locator("form.judgement-grid input[name=__RequestVerificationToken]")).ToHaveCountAsync(1);
        await session.Page.EvaluateAsync(Marker);

        await row.Locator("td.entry input").FillAsync("12");
        await row.Locator("td.entry-reason textarea").FillAsync("超过满分");
        await session.Page.Locator("form.judgement-grid button[type=submit]").ClickAsync();
        await Assertions.Expect(row.Locator("td.entry .field-error")).ToContainTextAsync("超出允许范围 0–10");
        await Assertions.Expect(row.Locator("td.entry input")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(session.Page.Locator("#judgement-error")).ToHaveTextAsync("有 1 项未通过检查，本次未保存任何评分，请按各行提示修改后再保存。");
        await Assertions.Expect(row.Locator("td.score")).ToHaveTextAsync("待评");
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));

        await row.Locator("td.entry input").FillAsync("7");
        await row.Locator("td.entry-reason textarea").FillAsync("未保工作站台账齐全");
        await session.Page.Locator("form.judgement-grid button[type=submit]").ClickAsync();
        await Assertions.Expect(session.Page.Locator("#judgement-saved")).ToHaveTextAsync($"已保存：{townName} {item} 评估分 7 分（首次录入）。");
        await Assertions.Expect(row.Locator("td.score")).ToHaveTextAsync("7");
        await Assertions.Expect(row.Locator("td.evaluator")).ToHaveTextAsync(BrowserFixture.Evaluator);
        await Assertions.Expect(row.Locator("td.reason")).ToHaveTextAsync("未保工作站台账齐全");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-pending", "false");
        await Assertions.Expect(session.Page.Locator(".field-error")).ToHaveCountAsync(0);
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));
        Assert.EndsWith(path, session.Page.Url, StringComparison.Ordinal);

        await session.ScreenshotAsync($"evaluator-grid-enhanced-{size}");
        session.AssertNoCircuit(sockets);
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(375, 812, "phone")]
    public async Task A_console_post_shows_the_result_in_the_same_window_and_its_export_is_still_a_download(int width, int height, string size)
    {
        var count = fixture.ExpectedFactRows.ToString(CultureInfo.InvariantCulture);
        var query = $"SELECT count(*) AS n FROM {BrowserFixture.FactTable}";
        await using var session = await fixture.OpenAsync(width, height);
        var sockets = session.CountWebSockets();
        await session.SignInAsync(BrowserFixture.Analyst, BrowserFixture.Password);
        await session.GotoAsync("/analyst/sql");
        await session.Page.EvaluateAsync(Marker);

        await session.Page.FillAsync("textarea#sql", query);
        await session.Page.ClickAsync("form.sql-form button[type=submit]");
        await Assertions.Expect(session.Page.Locator("#sql-result tbody td")).ToHaveTextAsync(count);
        await Assertions.Expect(session.Page.Locator("#sql-status")).ToContainTextAsync("共 1 行");
        await Assertions.Expect(session.Page.Locator("textarea#sql")).ToHaveValueAsync(query);
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));

        await session.Page.FillAsync("textarea#sql", "SELECT * FROM no_such_table");
        await session.Page.ClickAsync("form.sql-form button[type=submit]");
        await Assertions.Expect(session.Page.Locator("#sql-error")).ToContainTextAsync("查询失败：");
        await Assertions.Expect(session.Page.Locator("#sql-result")).ToHaveCountAsync(0);
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));

        // 重新执行 of the count in the history (newest first: the failed query, then the count) is posted the same way.
        var rerun = session.Page.Locator("#sql-history li", new PageLocatorOptions { HasText = query }).First;
        await rerun.Locator("form.rerun button").ClickAsync();
        await Assertions.Expect(session.Page.Locator("#sql-result tbody td")).ToHaveTextAsync(count);
        await Assertions.Expect(session.Page.Locator("#sql-error")).ToHaveCountAsync(0);
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));

        // The export form is not enhanced: its answer is a file the browser downloads, and the page stays as it is.
        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.ClickAsync(".result-head button[value=csv]"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["n", count], lines);
        await Assertions.Expect(session.Page.Locator("#sql-result tbody td")).ToHaveTextAsync(count);
        Assert.Equal("same window", await session.Page.EvaluateAsync<string>(ReadMarker));

        await session.ScreenshotAsync($"sql-console-enhanced-{size}");
        session.AssertNoCircuit(sockets);
        await session.AssertNoProblemsAsync();
    }
}
