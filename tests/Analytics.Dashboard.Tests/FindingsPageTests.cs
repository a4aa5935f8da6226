using System.Net;
using System.Text.Json;
using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Warehouse;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The 督查发现台账 section of /evaluator: recording a finding, closing an item, the audit, the CSV and the score.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FindingsPageTests(DashboardFixture fixture)
{
    private const string RubricId = "changning-2023";
    private const string Period = "2023";

    [Fact]
    public async Task A_recorded_finding_shows_on_the_page_in_the_audit_and_the_csv_and_scores_once_the_item_is_closed()
    {
        var town = Towns()[5];
        var page = PageUrl(town);
        var client = await fixture.SignedInAsAsync("findings-flow", Roles.Evaluator);
        Assert.Equal(ItemStatus.Pending, ScoreOf(town).Item("E2.1").Status);

        var added = await PostAsync(client, page, "form#finding-form", new()
        {
            ["target"] = "E2.1|findings.publicity", ["found_on"] = "2023-11-15", ["found_by"] = "抽查", ["cases"] = "3",
            ["description"] = "三处公示栏未张贴低保公示名单", ["evidence"] = "长民救检〔2023〕8 号",
        });
        var id = Assert.Single(Findings(town)).Id;
        Assert.Equal($"已登记发现 {id}：E2.1 3 例（抽查，2023-11-15）。", added.QuerySelector("#finding-saved")!.TextContent);
        var row = added.QuerySelector($"table.finding-list tr[data-finding='{id}']")!;
        Assert.Equal(("3", "三处公示栏未张贴低保公示名单", "长民救检〔2023〕8 号", "有效", "findings-flow"),
            (row.QuerySelector(".cases")!.TextContent, row.QuerySelector(".description")!.TextContent, row.QuerySelector(".evidence")!.TextContent,
                row.QuerySelector(".status")!.TextContent, row.QuerySelector(".recorded")!.TextContent));
        Assert.Equal("待检查（待评）", added.QuerySelector("table.finding-items tr[data-item='E2.1'] .state")!.TextContent);
        Assert.Equal(ItemStatus.Pending, ScoreOf(town).Item("E2.1").Status);

        var closed = await PostAsync(client, page, "form#inspection-form", new() { ["item"] = "E2.1", ["action"] = "close", ["reason"] = "公示检查完毕" });
        Assert.Equal("已结项：E2.1 已检查。", closed.QuerySelector("#finding-saved")!.TextContent);
        Assert.StartsWith("已检查（findings-flow，", closed.QuerySelector("table.finding-items tr[data-item='E2.1'] .state")!.TextContent, StringComparison.Ordinal);
        var e21 = ScoreOf(town).Item("E2.1");
        Assert.Equal((ItemStatus.Scored, 0.5m), (e21.Status, e21.Score)); // 2 − 3 × 0.5

        var withdrawn = await PostAsync(client, page, "form#withdraw-form", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "申诉成立" });
        Assert.Equal("已撤销", withdrawn.QuerySelector($"table.finding-list tr[data-finding='{id}'] .status")!.TextContent);
        Assert.Equal(["撤销", "结项", "登记"], withdrawn.QuerySelectorAll("table.finding-history tbody tr .action").Select(a => a.TextContent.Split(' ')[0]));
        Assert.Equal(2m, ScoreOf(town).Item("E2.1").Score);

        var audit = fixture.Services.GetRequiredService<AuditLog>().Recent(50)
            .Where(e => e.User == "findings-flow" && e.Action.StartsWith(EvaluatorFindings.AuditPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(["finding.withdraw", "finding.close", "finding.add"], audit.Select(e => e.Action));
        var detail = JsonDocument.Parse(audit[2].Detail!).RootElement;
        Assert.Equal((town, "E2.1", 3), (detail.GetProperty("town").GetString(), detail.GetProperty("item").GetString(), detail.GetProperty("cases").GetInt32()));

        var csv = await client.GetStringAsync($"/api/evaluator/findings?rubric={RubricId}&period={Period}");
        var line = csv.Split("\r\n").Single(l => l.StartsWith(id + ",", StringComparison.Ordinal));
        Assert.Equal($"{id},changning-2023,2023,{FindingsCsv.TownName(town)},E2.1,findings.publicity,2023-11-15,抽查,3,三处公示栏未张贴低保公示名单,长民救检〔2023〕8 号,已撤销,findings-flow",
            string.Join(",", line.Split(',').Take(13)));
    }

    [Fact]
    public async Task Leaders_see_the_register_without_forms_and_a_posted_finding_is_refused()
    {
        var town = Towns()[6];
        var client = await fixture.SignedInAsAsync("findings-leader", Roles.Leader);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(PageUrl(town)));
        Assert.NotNull(document.QuerySelector("section.findings table.finding-items"));
        Assert.Null(document.QuerySelector("form#finding-form"));

        var token = await DashboardFixture.AntiforgeryTokenAsync(client, PageUrl(town));
        var response = await client.PostAsync(PageUrl(town), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "finding-add", ["target"] = "E1.1|findings.improper_inclusion", ["found_on"] = "2023-06-01", ["found_by"] = "抽查",
            ["cases"] = "1", ["description"] = "越权", ["evidence"] = "无", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(Findings(town));
    }

    private static string PageUrl(string town) => $"/evaluator?rubric={RubricId}&period={Period}&town={Uri.EscapeDataString(town)}";

    private static async Task<IHtmlDocument> PostAsync(HttpClient client, string page, string formSelector, Dictionary<string, string> values)
    {
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync(page)).QuerySelector(formSelector)!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        var response = await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : page, new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return new HtmlParser().ParseDocument(body);
    }

    private List<string> Towns()
    {
        Assert.True(AssessmentPeriod.TryParse(Period, out var period));
        return fixture.Services.GetRequiredService<EvaluatorJudgements>().Units(RubricCatalog.Get(RubricId), period)
            .Where(u => !u.IsDistrict).Select(u => u.Code).ToList();
    }

    private RubricResult ScoreOf(string town) => fixture.Score(RubricId, Period).Towns.Single(t => t.Town.TownCode == town).Town.Result;

    private IReadOnlyList<Finding> Findings(string town)
    {
        using var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect();
        return new FindingStore(connection).List(RubricId, Period, town);
    }
}
