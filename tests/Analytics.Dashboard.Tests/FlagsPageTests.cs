using System.Net;
using System.Text.Json;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics.Warehouse.Anomalies;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>/leader/flags: the flags of every loaded quarter, their filters, and the review workflow with history and audit.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FlagsPageTests(DashboardFixture fixture)
{
    private IReadOnlyList<AnomalyFlag> AllFlags() => fixture.Services.GetRequiredService<LeadershipScores>().AllFlags();

    [Fact]
    public async Task Flags_of_every_loaded_quarter_are_listed_not_only_the_scorecard_period()
    {
        var client = await fixture.SignedInAsAsync("flags-all", Roles.Leader);
        var rows = Rows(await GetAsync(client, "/leader/flags"));
        var expected = AllFlags();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected.Select(f => f.Period).Distinct().Order().ToList(), rows.Select(r => r.QuerySelector("td")!.TextContent).Distinct().Order().ToList());
        Assert.Contains(rows, r => r.QuerySelector("td")!.TextContent == "2024Q3");
    }

    [Fact]
    public async Task The_category_filter_separates_data_quality_flags_from_highlights()
    {
        var client = await fixture.SignedInAsAsync("flags-filter", Roles.Leader);
        var data = Rows(await GetAsync(client, "/leader/flags?category=data"));
        Assert.Equal(AllFlags().Count(f => AnomalyKinds.Evaluated.Contains(f.Kind)), data.Count);
        Assert.All(data, r => Assert.Contains(r.GetAttribute("data-kind")!, AnomalyKinds.Evaluated));
        var highlights = Rows(await GetAsync(client, "/leader/flags?category=highlight"));
        Assert.Equal(AllFlags().Count(f => f.Kind == AnomalyKinds.PeerHighlight), highlights.Count);
        Assert.All(highlights, r => Assert.Equal("亮点", r.QuerySelector("td.tag")!.TextContent));
    }

    [Fact]
    public async Task A_review_sets_owner_and_status_keeps_history_is_audited_and_filters_by_status()
    {
        var flag = AllFlags().First(f => f.Kind != AnomalyKinds.PeerHighlight);
        var key = FlagReviewStore.Key(flag);
        var page = $"/leader/flags?flag={Uri.EscapeDataString(key)}";
        var client = await fixture.SignedInAsAsync("flags-reviewer", Roles.Evaluator);

        var refused = await PostAsync(client, page, FlagStatus.Verified, "王科长", "");
        Assert.Equal("标记为已核实须写明核实或处理情况", refused.QuerySelector("#flag-error")!.TextContent);

        await PostAsync(client, page, FlagStatus.Pending, "王科长", "");
        var saved = await PostAsync(client, page, FlagStatus.Verified, "王科长", "已电话核实台账，数字无误");
        Assert.Equal("已保存：已核实，责任人 王科长。", saved.QuerySelector("#flag-saved")!.TextContent);
        var history = saved.QuerySelectorAll("table.flag-history tbody tr")
            .Select(r => (r.QuerySelector(".status")!.TextContent, r.QuerySelector(".owner")!.TextContent, r.QuerySelector(".note")!.TextContent)).ToList();
        Assert.Equal([("已核实", "王科长", "已电话核实台账，数字无误"), ("待核实", "王科长", "")], history);

        var verified = Rows(await GetAsync(client, "/leader/flags?status=verified")).Where(r => r.GetAttribute("data-flag") == key).ToList();
        var row = Assert.Single(verified);
        Assert.Equal("已核实", row.QuerySelector("td.status")!.TextContent);
        Assert.Equal("王科长", row.QuerySelector("td.owner")!.TextContent);
        Assert.DoesNotContain(Rows(await GetAsync(client, "/leader/flags?status=pending")), r => r.GetAttribute("data-flag") == key);

        var audit = fixture.Services.GetRequiredService<AuditLog>().Recent(50)
            .Where(e => e.User == "flags-reviewer" && e.Action == FlagReviews.AuditAction).Select(e => JsonDocument.Parse(e.Detail!).RootElement).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Equal(key, audit[0].GetProperty("flag").GetString());
        Assert.Equal("verified", audit[0].GetProperty("status").GetString());
        Assert.Equal("王科长", audit[0].GetProperty("owner").GetString());
    }

    private static List<AngleSharp.Dom.IElement> Rows(IHtmlDocument document) => document.QuerySelectorAll("table.flags tbody tr").ToList();

    private static async Task<IHtmlDocument> GetAsync(HttpClient client, string url) => new HtmlParser().ParseDocument(await client.GetStringAsync(url));

    private static async Task<IHtmlDocument> PostAsync(HttpClient client, string page, string status, string owner, string note)
    {
        var form = (await GetAsync(client, page)).QuerySelector("form.flag-review-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["status"] = status;
        fields["owner"] = owner;
        fields["note"] = note;
        var response = await client.PostAsync(page, new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return new HtmlParser().ParseDocument(body);
    }
}
