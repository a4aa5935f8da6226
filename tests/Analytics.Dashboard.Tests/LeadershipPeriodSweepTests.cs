using System.Net;
using System.Text;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// Every rubric × every period the scorecard's picker offers (each quarter including Q1, and the year) answers, on the
/// page and in both downloads; an annual scheme's quarter and the district target tracker rank nobody.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LeadershipPeriodSweepTests(DashboardFixture fixture)
{
    public static TheoryData<string, string> RubricPeriods()
    {
        var data = new TheoryData<string, string>();
        foreach (var rubric in LeadershipScores.Rubrics)
        {
            foreach (var period in LeadershipScores.Periods(rubric))
            {
                data.Add(rubric.Id, period.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RubricPeriods))]
    public async Task Every_rubric_and_period_of_the_picker_answers_on_the_page_and_in_both_downloads(string rubric, string period)
    {
        var client = await fixture.SignedInAsAsync("sweep-leader", Roles.Leader);
        var page = await client.GetAsync($"/leader/scorecard?rubric={rubric}&period={period}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var options = document.QuerySelectorAll("select[name=period] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(period, options);

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var download = await client.GetAsync($"/api/leader/scorecard?rubric={rubric}&period={period}&format={format}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        // No row anywhere shows a grade over a maximum of 0, and a ranking appears only where the period ranks towns.
        var score = fixture.Score(rubric, period);
        // A district tracker lists its 街镇 as contributions per target, never in the scorecard's table of totals.
        var rows = document.QuerySelectorAll(score.Rubric.RanksTowns ? "table.scorecard tbody tr" : "table.contributions tbody tr");
        Assert.Equal(score.Towns.Count, rows.Length);
        Assert.Equal(score.IsRanked ? rows.Length : 0, document.QuerySelectorAll("table.scorecard td.rank").Length);
        Assert.All(score.Towns, t => Assert.False(t.Town.Result.Maximum == 0m && t.Town.Result.Grade is not null));
    }

    [Fact]
    public async Task An_annual_scheme_in_a_quarter_says_it_is_assessed_in_december_and_shows_no_zero_total_or_grade()
    {
        var client = await fixture.SignedInAsAsync("sweep-annual", Roles.Leader);
        var html = await client.GetStringAsync("/leader/scorecard?rubric=qingpu-2024&period=2024Q4");
        var document = new HtmlParser().ParseDocument(html);
        Assert.Contains("年度考核，12 月评定，本期不排名", document.QuerySelector("p.state")!.TextContent);
        Assert.Contains("各街镇年度考核进度（不排名）", document.QuerySelector("section.ranking h2")!.TextContent);
        var rows = document.QuerySelectorAll("table.scorecard tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("—", r.QuerySelector("td.total")!.TextContent));
        Assert.All(rows, r => Assert.StartsWith("年度考核，12 月评定", r.QuerySelector("td.grade")!.TextContent));
        Assert.DoesNotContain("不合格", document.QuerySelector("table.scorecard")!.TextContent);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/leader/scorecard?rubric=qingpu-2024&period=2024Q4&format=csv"));
        Assert.DoesNotContain("不合格", csv);
    }

    [Fact]
    public async Task The_district_target_tracker_lists_town_contributions_without_a_ranking()
    {
        var client = await fixture.SignedInAsAsync("sweep-putuo", Roles.Leader);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/scorecard?rubric=putuo-2024&period=2024Q4"));
        Assert.Contains("全区目标跟踪与各街镇贡献明细（不排名）", document.QuerySelector("section.ranking h2")!.TextContent);
        Assert.Contains("本方案考核全区目标，街镇仅列贡献明细，不排名", document.QuerySelector("p.state")!.TextContent);
        Assert.Null(document.QuerySelector("table.scorecard"));
        Assert.Null(document.QuerySelector("section.heat"));
        Assert.Null(document.QuerySelector("section.distribution"));
        Assert.Empty(document.QuerySelectorAll("td.rank"));
        Assert.Empty(document.QuerySelectorAll("td.change"));
    }

    [Fact]
    public async Task The_putuo_scorecard_page_and_downloads_carry_the_per_target_tracker()
    {
        var client = await fixture.SignedInAsAsync("sweep-tracker", Roles.Leader);
        // The learned outputs of the current data, as the warm-up trains them after a load (until then the 预计方法 of a
        // cumulative target says 模型预计计算中); the small demo ships no model, so every one says 按季度均速外推.
        fixture.Services.GetRequiredService<LeadershipScores>().TrainLearnedOutputs();
        var tracker = DistrictTracker.Of(fixture.Score("putuo-2024", "2024Q2"))!;
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/scorecard?rubric=putuo-2024&period=2024Q2"));
        var rows = document.QuerySelectorAll("table.tracker tbody tr");
        Assert.Equal(21, rows.Length);
        Assert.Equal(DistrictTracker.Columns, document.QuerySelectorAll("table.tracker thead th").Select(h => h.TextContent).ToArray());
        foreach (var target in tracker.Targets)
        {
            var row = document.QuerySelector($"table.tracker tr[data-target={target.Code}]")!;
            Assert.Equal(tracker.Cells(target), row.Children.Select(c => c.TextContent).ToArray());
        }

        // Bureau entries not made yet read 待录入, never 未完成 or 0.
        Assert.Equal("待录入", document.QuerySelector("table.tracker tr[data-target=T20] td.status")!.TextContent);
        Assert.Equal("区局录入（未录入）", document.QuerySelector("table.tracker tr[data-target=T20] td.source")!.TextContent);
        Assert.Equal(11, document.QuerySelectorAll("table.contributions tbody tr").Length + 1);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/leader/scorecard?rubric=putuo-2024&period=2024Q2&format=csv"));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("范围,编号,目标,截至本期,年度目标,全年预计,预计方法,状态,来源,折算分,满分,说明", lines[0]);
        var t01 = tracker.Targets[0];
        Assert.StartsWith($"普陀区（全区）,T01,新增养老床位 200 张,{t01.ToDateText},200张,{t01.ProjectionText},方法：按季度均速外推,{t01.Status},数据,", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("普陀区（全区）,T20,建立养老服务“工匠”工作室,待录入,是,—,区局录入值,待录入,区局录入（未录入）,0,10,", StringComparison.Ordinal));
        // 21 district rows, then 21 figures per 街镇, none with a status or score, then the assumption footnote.
        Assert.Equal(1 + 21 + 10 * 21 + 1, lines.Length);
        Assert.All(lines.Skip(22).Take(10 * 21), l => Assert.Contains(",贡献明细（不排名）,", l));
        Assert.StartsWith("*", lines[^1].TrimStart('"'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Q1_and_the_year_show_no_rank_change_and_Q4_compares_with_Q3_of_the_same_scheme()
    {
        var client = await fixture.SignedInAsAsync("sweep-change", Roles.Leader);
        foreach (var period in new[] { "2024Q1", "2024" })
        {
            var document = new HtmlParser().ParseDocument(await client.GetStringAsync($"/leader/scorecard?rubric=songjiang-2024&period={period}"));
            Assert.All(document.QuerySelectorAll("table.scorecard td.change"), c => Assert.Equal("—", c.TextContent));
        }

        var q4 = new HtmlParser().ParseDocument(await client.GetStringAsync("/leader/scorecard?rubric=songjiang-2024&period=2024Q4"));
        Assert.Contains("2024年第3季度", q4.QuerySelector("p.note")!.TextContent);
    }
}
