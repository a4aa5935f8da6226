using System.Net;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Improvement;
using Analytics.Warehouse;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The 提分建议 page: linked from the scorecard, listing the planner's items and levers; the 自评报告 download.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ImprovePageTests(DashboardFixture fixture)
{
    private const string RubricId = "songjiang-2024";
    private const string Period = "2024Q4";

    [Fact]
    public async Task The_scorecard_links_each_town_to_its_plan_and_the_page_shows_the_planners_items_and_levers()
    {
        // The page first: it brings the metric tables up to date under the host's own gate, before the test reads them.
        var client = await fixture.SignedInAsAsync("improve-page", Roles.Leader);
        var scorecard = new HtmlParser().ParseDocument(await client.GetStringAsync($"/leader/scorecard?rubric={RubricId}&period={Period}"));
        var town = fixture.Score(RubricId, Period).Towns[0].Town;
        var link = scorecard.QuerySelector($"tr[data-town='{town.TownCode}'] a.improve")!.GetAttribute("href")!;
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(link));

        using var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect();
        var plan = new TownImprovement(connection).Plan(RubricCatalog.Get(RubricId), AssessmentPeriod.ForQuarter(2024, 4), town.TownCode);
        var rows = page.QuerySelectorAll("table.improve-items tbody tr");
        Assert.Equal(plan.Items.Select(i => i.ItemCode).ToList(), rows.Select(r => r.GetAttribute("data-item")!).ToList());
        foreach (var (row, item) in rows.Zip(plan.Items))
        {
            Assert.Equal(Fmt.Num(item.Lost), row.QuerySelector("td.lost")!.TextContent);
            Assert.Equal(item.Levers.Select(l => $"{l.Text}：该项 +{Fmt.Num(l.ItemGain)} 分，总分 +{Fmt.Num(l.TotalGain)} 分").ToList(),
                row.QuerySelectorAll("li").Select(li => li.TextContent).ToList());
        }

        Assert.Equal(plan.Note, page.QuerySelector("p.note")!.TextContent);
        Assert.Equal(plan.Paths.Select(p => p.Goal).ToList(), page.QuerySelectorAll(".path").Select(p => p.GetAttribute("data-goal")!).ToList());
    }

    [Fact]
    public async Task The_district_target_tracker_has_no_plan_and_the_self_report_downloads_as_word()
    {
        var client = await fixture.SignedInAsAsync("improve-putuo", Roles.Leader);
        var putuo = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/scorecard/improve?rubric=putuo-2024&period=2024Q4&town=x"));
        Assert.Contains("目标跟踪", putuo.QuerySelector("p.refusal")!.TextContent);

        var town = fixture.Score(RubricId, Period).Towns[0].Town;
        var response = await client.GetAsync($"/api/leader/self-report?rubric={RubricId}&town={Uri.EscapeDataString(town.TownCode)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.StartsWith($"{town.TownName} 2024 年度自评报告（草稿）", doc.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }
}
