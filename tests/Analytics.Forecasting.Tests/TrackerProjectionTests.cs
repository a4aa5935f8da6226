using System.Net;
using Analytics.Dashboard.Components.Pages.Leader;
using Analytics.Forecasting.Projections;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.Content;
using Analytics.Reports.Html;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Forecasting.Tests;

/// <summary>
/// 普陀's target tracker at 2024Q2 on the 2022–2024 demo: the stored projection of 新增养老床位 (T01), whose indicator
/// has a model shipped at district level, is what `projections show` computes, and the page, the briefing and `score`
/// show it with its range and 方法; a target without a model says 方法：按季度均速外推.
/// </summary>
[Collection(HardAnomalyCollection.Name)]
public sealed class TrackerProjectionTests(HardAnomalyWarehouse fixture)
{
    internal const string Method = "方法：泊松回归，按季节与年内累计训练（2022–2023 年各街镇），区级回测平均绝对误差 107.47张，" +
                                  "低于直线外推的 145.75张；区间为同一截点区级回测误差的 10%–90% 分位（80% 区间）";

    internal const string Shown = "模型预计 197.32张（80% 区间 106.75–1766.80张）。" + Method;

    private DistrictTracker Tracker()
    {
        LearnedOutputsFixture.Ensure(fixture);
        var rubric = RubricCatalog.All.Single(r => r.Id == "putuo-2024");
        var score = new TownScorer(fixture.Connection).Score(rubric, AssessmentPeriod.ForQuarter(2024, 2), store: false);
        return DistrictTracker.Read(fixture.Connection, score)!;
    }

    [Fact]
    public void The_tracker_shows_the_stored_projection_that_projections_show_computes()
    {
        var tracker = Tracker();
        var beds = ProjectionBacktest.Run(fixture.Connection).Single(k => k.Kind.IndicatorCode == "eldercare.new_beds");
        var shown = DistrictProjection.For(fixture.Connection, beds, "310107", 2024, 2);
        var stored = tracker.ModelProjections["T01"];
        Assert.Equal((92m, 184m, 197.32m, 106.75m, 1766.80m, Method), (shown.ToDate, shown.RunRate, shown.Projection, shown.Low, shown.High, shown.Method));
        Assert.Equal((shown.ToDate, shown.RunRate, shown.Projection, shown.Low, shown.High, shown.Method, "poisson"),
            (stored.ToDate, stored.RunRate, stored.Projection, stored.Low, stored.High, stored.MethodText, stored.Method));
        // The row's own figures (to date, run rate) are the rubric's, and they are the forecaster's too.
        var t01 = tracker.Targets.Single(t => t.Code == "T01");
        Assert.Equal((92m, 184m), (t01.ToDate, t01.Projection));
        Assert.Equal(Shown, tracker.Methods["T01"]);
        Assert.Equal(Shown, tracker.Cells(t01)[5]);
    }

    [Fact]
    public void A_cumulative_target_without_a_model_says_it_is_projected_by_the_run_rate()
    {
        var tracker = Tracker();
        Assert.Equal(["T01"], tracker.ModelProjections.Keys);
        foreach (var code in new[] { "T02", "T03", "T04", "T07", "T08", "T09", "T10", "T11", "T12", "T13" })
        {
            Assert.Equal("方法：按季度均速外推", tracker.Methods[code]);
        }

        Assert.Equal("按当前值（水平型目标不外推）", tracker.Methods["T05"]);
        Assert.Equal("与上年同期比较", tracker.Methods["T06"]);
        Assert.Equal("区局录入值", tracker.Methods["T16"]);
    }

    [Fact]
    public async Task The_page_table_shows_the_projection_and_its_method_in_the_target_row()
    {
        var html = WebUtility.HtmlDecode(await RenderAsync<TargetTrackerTables>(new Dictionary<string, object?> { [nameof(TargetTrackerTables.Tracker)] = Tracker() }));
        var row = html[html.IndexOf("data-target=\"T01\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td class=\"projection num\">184张</td>", row, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"method\">{Shown}</td>", row, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">预计方法</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_briefing_tracker_section_lists_the_model_projection_with_its_range_and_method()
    {
        LearnedOutputsFixture.Ensure(fixture);
        var briefing = new BriefingReader(fixture.Connection).Read(AssessmentPeriod.ForQuarter(2024, 2), DateTimeOffset.UnixEpoch, "310107").Single();
        await using var renderer = new BriefingHtml();
        var html = WebUtility.HtmlDecode(await renderer.DistrictAsync(briefing));
        Assert.Contains($"<li data-item=\"T01\">新增养老床位 200 张：{Shown}</li>", html, StringComparison.Ordinal);
        Assert.Contains("（方法：按季度均速外推）", html, StringComparison.Ordinal);
    }

    /// <summary>A page component rendered to HTML as the host renders it (Blazor's <see cref="HtmlRenderer"/>); the tests decode Razor's character references before reading it.</summary>
    internal static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
