using System.Net;
using System.Text.Json;
using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The evaluator page (/evaluator): recording a 视情给分 score, its history, the scorecard total, validation and access.</summary>
[Collection(DashboardCollection.Name)]
public sealed class EvaluatorTests(DashboardFixture fixture)
{
    // 松江 2024 S1.1 is a quarterly judgement item worth 0–10 points in the weighted section S1 (weight 18).
    private const string RubricId = "songjiang-2024";
    private const string Period = "2024Q4";

    [Fact]
    public async Task A_recorded_score_shows_in_the_list_the_history_the_audit_and_the_scorecard_total()
    {
        var town = Towns()[0];
        var page = PageUrl(town.Code);
        var client = await fixture.SignedInAsAsync("evaluator-flow", Roles.Evaluator);
        var before = ScoreOf(town.Code);
        Assert.Equal(ItemStatus.Pending, before.Item("S1.1").Status);

        var saved = await PostAsync(client, page, town.Code, "S1.1", "7.5", "走访核查救助档案，发放及时");
        Assert.Equal("已保存：S1.1 评估分 7.5 分（首次录入）。", saved.QuerySelector("#judgement-saved")!.TextContent);
        var row = saved.QuerySelector("tr[data-item='S1.1']")!;
        Assert.Equal("7.5", row.QuerySelector("td.score")!.TextContent);
        Assert.Equal("evaluator-flow", row.QuerySelector("td.evaluator")!.TextContent);
        Assert.Equal("走访核查救助档案，发放及时", row.QuerySelector("td.reason")!.TextContent);

        var second = await PostAsync(client, page, town.Code, "S1.1", "8", "补充材料后复核");
        Assert.Equal("已保存：S1.1 评估分 8 分（原为 7.5 分）。", second.QuerySelector("#judgement-saved")!.TextContent);
        var history = second.QuerySelectorAll("table.judgement-history tbody tr[data-item='S1.1']")
            .Select(r => (r.QuerySelector(".old")!.TextContent, r.QuerySelector(".new")!.TextContent, r.QuerySelector(".evaluator")!.TextContent,
                r.QuerySelector(".reason")!.TextContent))
            .ToList();
        Assert.Equal([("7.5", "8", "evaluator-flow", "补充材料后复核"), ("—", "7.5", "evaluator-flow", "走访核查救助档案，发放及时")], history);

        // The scorecard reads the new judgement at once: S1 = round(18 × earned / Σ maxima, 2), so 8 points on S1.1 add exactly
        // round(18 × (e + 8) / m, 2) − round(18 × e / m, 2) to the total.
        var after = ScoreOf(town.Code);
        Assert.Equal(8m, after.Item("S1.1").Score);
        var s1 = before.Items.Where(i => i.SectionCode == "S1" && i.Status != ItemStatus.NotAssessed).ToList();
        var (earned, maxima) = (s1.Sum(i => i.Score), s1.Sum(i => i.Maximum));
        Assert.Equal(60m, maxima);
        var expectedGain = Math.Round(18m * (earned + 8m) / maxima, 2, MidpointRounding.AwayFromZero)
            - Math.Round(18m * earned / maxima, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(before.Total + expectedGain, after.Total);
        var leader = await fixture.SignedInAsAsync("evaluator-flow-leader", Roles.Leader);
        var card = new HtmlParser().ParseDocument(await leader.GetStringAsync($"/leader/scorecard?rubric={RubricId}&period={Period}"));
        var total = card.QuerySelector($"table.scorecard tr[data-town='{town.Code}'] td.total")!.TextContent;
        Assert.Equal(ResultText.Total(after), total);

        var audit = fixture.Services.GetRequiredService<AuditLog>().Recent(50)
            .Where(e => e.User == "evaluator-flow" && e.Action == EvaluatorJudgements.AuditAction).Select(e => JsonDocument.Parse(e.Detail!).RootElement).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Equal(7.5m, audit[0].GetProperty("old").GetDecimal());
        Assert.Equal(8m, audit[0].GetProperty("new").GetDecimal());
        Assert.Equal(town.Code, audit[0].GetProperty("town").GetString());
    }

    [Fact]
    public async Task Out_of_range_scores_and_missing_reasons_are_shown_beside_their_fields_and_nothing_is_saved()
    {
        var town = Towns()[1];
        var client = await fixture.SignedInAsAsync("evaluator-invalid", Roles.Admin);
        var page = PageUrl(town.Code);
        var document = await PostGridAsync(client, page, new()
        {
            [(town.Code, "S1.2")] = ("11", "超过满分"),
            [(town.Code, "S1.3a")] = ("3", "  "),
            [(town.Code, "S1.4")] = ("六", "理由"),
            [(town.Code, "S1.5")] = ("5", "这一行本身无误"),
        });
        Assert.Equal("有 3 项未通过检查，本次未保存任何评分，请按各行提示修改后再保存。", document.QuerySelector("#judgement-error")!.TextContent);
        Assert.Equal("评分项 S1.2（联席会议与政策宣传）的评估分 11 超出允许范围 0–10", FieldError(document, town.Code, "S1.2"));
        Assert.Equal("请填写理由：视情给分须说明给分理由。", FieldError(document, town.Code, "S1.3a"));
        Assert.Equal("评估分须为数字，例如 3 或 2.5。", FieldError(document, town.Code, "S1.4"));
        Assert.Null(document.QuerySelector($"tr[data-town='{town.Code}'][data-item='S1.5'] .field-error"));
        // What was typed stays in the fields, so only the wrong rows need changing.
        Assert.Equal("11", document.QuerySelector($"tr[data-town='{town.Code}'][data-item='S1.2'] input")!.GetAttribute("value"));
        Assert.Null(document.QuerySelector("#judgement-saved"));
        Assert.All(new[] { "S1.2", "S1.3a", "S1.4", "S1.5" }, item => Assert.Empty(History(town.Code, item)));
    }

    [Fact]
    public async Task One_save_records_every_filled_row_of_an_item_across_the_towns_in_one_go_with_history_and_audit()
    {
        var towns = Towns();
        var client = await fixture.SignedInAsAsync("evaluator-grid", Roles.Evaluator);
        var page = $"/evaluator?rubric={RubricId}&period={Period}&view=item&item=S1.6&status=pending";
        var before = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        var pending = before.QuerySelectorAll("table.judgements tbody tr").Select(r => r.GetAttribute("data-town")!).ToList();
        // Every unit the 街镇 picker offers (the district too), less those already judged.
        Assert.Equal(Units().Select(u => u.Code).Where(code => History(code, "S1.6").Count == 0).ToList(), pending);
        Assert.Equal(towns[6].Name, before.QuerySelector($"tr[data-town='{towns[6].Code}'] th.town")!.TextContent);

        var document = await PostGridAsync(client, page, new()
        {
            [(towns[6].Code, "S1.6")] = ("9", "台账完整"),
            [(towns[7].Code, "S1.6")] = ("4.5", "部分台账缺失"),
        });
        Assert.Null(document.QuerySelector("#judgement-error"));
        Assert.Equal($"已保存 2 项：{towns[6].Name} S1.6 9 分（首次录入）；{towns[7].Name} S1.6 4.5 分（首次录入）。",
            document.QuerySelector("#judgement-saved")!.TextContent);
        // Judged rows leave the 待评 filter.
        Assert.Null(document.QuerySelector($"table.judgements tr[data-town='{towns[6].Code}']"));
        Assert.Equal(9m, History(towns[6].Code, "S1.6").Single().NewScore);
        Assert.Equal(4.5m, History(towns[7].Code, "S1.6").Single().NewScore);
        Assert.Equal(9m, ScoreOf(towns[6].Code).Item("S1.6").Score);
        var audit = fixture.Services.GetRequiredService<AuditLog>().Recent(50)
            .Where(e => e.User == "evaluator-grid" && e.Action == EvaluatorJudgements.AuditAction).ToList();
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task The_form_requires_an_antiforgery_token()
    {
        var town = Towns()[2];
        var client = await fixture.SignedInAsAsync("evaluator-csrf", Roles.Evaluator);
        var response = await client.PostAsync(PageUrl(town.Code), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "judgement-grid", [$"score|{town.Code}|S1.4"] = "5", [$"reason|{town.Code}|S1.4"] = "无令牌",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(History(town.Code, "S1.4"));
    }

    [Fact]
    public async Task Leaders_read_the_judgements_but_cannot_change_them()
    {
        var town = Towns()[3];
        var client = await fixture.SignedInAsAsync("evaluator-leader", Roles.Leader);
        var html = await client.GetStringAsync(PageUrl(town.Code));
        var document = new HtmlParser().ParseDocument(html);
        Assert.NotEmpty(document.QuerySelectorAll("table.judgements tbody tr"));
        Assert.Empty(document.QuerySelectorAll("form.judgement-grid input[name^='score|']"));

        var token = await DashboardFixture.AntiforgeryTokenAsync(client, PageUrl(town.Code));
        var response = await client.PostAsync(PageUrl(town.Code), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "judgement-grid", [$"score|{town.Code}|S1.5"] = "5", [$"reason|{town.Code}|S1.5"] = "越权", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(History(town.Code, "S1.5"));
    }

    [Fact]
    public async Task The_list_shows_every_judgement_item_with_its_range()
    {
        var client = await fixture.SignedInAsAsync("evaluator-list", Roles.Evaluator);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(PageUrl(Towns()[4].Code)));
        var rows = document.QuerySelectorAll("table.judgements tbody tr");
        var expected = RubricCatalog.Get(RubricId).Items.Where(i => i.Rule.Type == "judgement").Select(i => i.Code).ToList();
        Assert.Equal(expected, rows.Select(r => r.GetAttribute("data-item")!).ToList());
        // 松江's notice gives no points per line: the 10 is ours, marked "*" (see ScoreFootnoteTests).
        Assert.Equal("0–10 分*", document.QuerySelector("tr[data-item='S1.1'] td.range")!.TextContent);
        Assert.Equal("待评", document.QuerySelector("tr[data-item='S1.2'] td.score")!.TextContent);
    }

    [Fact]
    public async Task A_district_rubric_opens_on_the_district_and_records_a_bureau_entry_that_the_tracker_reads()
    {
        // 普陀 2024 T21 (长三角养老服务人才培养基地) is a yes/no target the bureau enters for the whole district.
        var client = await fixture.SignedInAsAsync("evaluator-putuo", Roles.Evaluator);
        const string page = "/evaluator?rubric=putuo-2024&period=2024Q3";
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        Assert.Equal("310107", document.QuerySelector("select[name=town] option[selected]")!.GetAttribute("value"));
        Assert.Equal(["T16", "T17", "T18", "T19", "T20", "T21"], document.QuerySelectorAll("table.judgements tbody tr").Select(r => r.GetAttribute("data-item")!).ToArray());
        Assert.Equal("待录入", document.QuerySelector("tr[data-item='T21'] td.score")!.TextContent);
        Assert.Equal("区局录入：1（是）或 0（否）*", document.QuerySelector("tr[data-item='T21'] td.range")!.TextContent);
        Assert.Equal("区局录入年内安全生产事故数，目标 ≤ 0起*", document.QuerySelector("tr[data-item='T17'] td.range")!.TextContent);

        var saved = await PostAsync(client, page, "310107", "T21", "1", "与苏州、嘉兴签署共建协议");
        Assert.Equal("已保存：T21 区局录入 是（首次录入）。", saved.QuerySelector("#judgement-saved")!.TextContent);
        Assert.Equal("是", saved.QuerySelector("tr[data-item='T21'] td.score")!.TextContent);
        var history = saved.QuerySelector("table.judgement-history tbody tr[data-item='T21']")!;
        Assert.Equal(("—", "是", "evaluator-putuo"), (history.QuerySelector(".old")!.TextContent, history.QuerySelector(".new")!.TextContent,
            history.QuerySelector(".evaluator")!.TextContent));
        var refused = await PostAsync(client, page, "310107", "T21", "2", "无效值");
        Assert.Contains("只接受 1（是）或 0（否）", FieldError(refused, "310107", "T21"));

        var leader = await fixture.SignedInAsAsync("evaluator-putuo-leader", Roles.Leader);
        var card = new HtmlParser().ParseDocument(await leader.GetStringAsync("/leader/scorecard?rubric=putuo-2024&period=2024Q3"));
        var row = card.QuerySelector("table.tracker tr[data-target=T21]")!;
        Assert.Equal(("是", "按进度"), (row.QuerySelector("td.to-date")!.TextContent, row.QuerySelector("td.status")!.TextContent));
        Assert.StartsWith("区局录入（evaluator-putuo，", row.QuerySelector("td.source")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Services.GetRequiredService<AuditLog>().Recent(50)
            .Count(e => e.User == "evaluator-putuo" && e.Action == EvaluatorJudgements.AuditAction));
    }

    private static string PageUrl(string town) => $"/evaluator?rubric={RubricId}&period={Period}&town={Uri.EscapeDataString(town)}";

    private static Task<IHtmlDocument> PostAsync(HttpClient client, string page, string town, string item, string score, string reason) =>
        PostGridAsync(client, page, new() { [(town, item)] = (score, reason) });

    /// <summary>Fills the grid's rows (town, item) with a score and reason and saves them with the page's one button, as a browser would.</summary>
    private static async Task<IHtmlDocument> PostGridAsync(HttpClient client, string page, Dictionary<(string Town, string Item), (string Score, string Reason)> rows)
    {
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync(page)).QuerySelector("form.judgement-grid")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var ((town, item), (score, reason)) in rows)
        {
            Assert.NotNull(form.QuerySelector($"input[name='score|{town}|{item}']"));
            fields[$"score|{town}|{item}"] = score;
            fields[$"reason|{town}|{item}"] = reason;
        }

        // Where a browser would post: the form's action, or (none rendered) the page's own URL with its query.
        var response = await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : page, new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return new HtmlParser().ParseDocument(body);
    }

    private static string FieldError(IHtmlDocument document, string town, string item) =>
        document.QuerySelector($"tr[data-town='{town}'][data-item='{item}'] .field-error")!.TextContent;

    private IReadOnlyList<ScoredUnit> Towns() => Units().Where(u => !u.IsDistrict).ToList();

    private IReadOnlyList<ScoredUnit> Units()
    {
        Assert.True(AssessmentPeriod.TryParse(Period, out var period));
        return fixture.Services.GetRequiredService<EvaluatorJudgements>().Units(RubricCatalog.Get(RubricId), period);
    }

    private RubricResult ScoreOf(string town) => fixture.Score(RubricId, Period).Towns.Single(t => t.Town.TownCode == town).Town.Result;

    private IReadOnlyList<JudgementChange> History(string town, string item)
    {
        using var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect();
        return new JudgementStore(connection).History(RubricId, Period, town, item);
    }
}
