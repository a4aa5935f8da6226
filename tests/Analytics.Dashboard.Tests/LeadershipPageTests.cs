using System.Globalization;
using System.Net;
using System.Text;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The leadership scorecard (局领导): access, ranking against the scorer, drill-down explanations, CSV.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LeadershipPageTests(DashboardFixture fixture)
{
    // The fixture holds 2024Q3–2024Q4, so 2024Q4 of a 2024 rubric has data and a previous quarter.
    private const string RubricId = "songjiang-2024";
    private const string Period = "2024Q4";
    private const string Page = $"/leader/scorecard?rubric={RubricId}&period={Period}";

    public static TheoryData<string> LeaderRoutes =>
    [
        Page, "/leader/scorecard", $"/leader/scorecard/town?rubric={RubricId}&period={Period}&town=x",
    ];

    [Theory]
    [MemberData(nameof(LeaderRoutes))]
    public async Task Leader_pages_redirect_anonymous_users_to_login(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task Leader_csv_returns_401_to_anonymous_users()
    {
        var response = await fixture.Anonymous().GetAsync($"/api/leader/scorecard?rubric={RubricId}&period={Period}&format=csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(LeaderRoutes))]
    public async Task Leader_pages_return_403_to_analysts(string path)
    {
        var client = await SignedInAsAsync("analyst-leader-403", Roles.Analyst);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var csv = await client.GetAsync($"/api/leader/scorecard?rubric={RubricId}&period={Period}&format=csv");
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
    }

    [Fact]
    public async Task Evaluators_read_a_towns_score_detail_but_not_the_ranking()
    {
        var client = await SignedInAsAsync("evaluator-town-detail", Roles.Evaluator);
        var town = fixture.Score(RubricId, Period).Towns[0].Town;
        var detail = await client.GetAsync($"/leader/scorecard/town?rubric={RubricId}&period={Period}&town={town.TownCode}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await detail.Content.ReadAsStringAsync());
        Assert.Equal("← 返回视情给分", document.QuerySelector("a.back-evaluator")!.TextContent);
        Assert.Null(document.QuerySelector("a.profile"));
        Assert.Equal(town.Result.Items.Count, document.QuerySelectorAll("table.items tbody tr").Length);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/leader/scorecard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/leader/scorecard?rubric={RubricId}&period={Period}&format=csv")).StatusCode);
    }

    [Fact]
    public async Task Ranking_lists_every_town_in_the_scorers_order_with_its_totals()
    {
        var client = await SignedInAsAsync("leader-ranking", Roles.Leader);
        var response = await client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var expected = Expected();

        var rows = document.QuerySelectorAll("table.scorecard tbody tr");
        Assert.NotEmpty(expected.Towns);
        Assert.Equal(expected.Towns.Count, rows.Length);
        var ranks = rows.Select(r => int.Parse(r.QuerySelector("td.rank")!.TextContent, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ranks.Order().ToList(), ranks);
        foreach (var (row, town) in rows.Zip(expected.Towns))
        {
            Assert.Equal(town.Town.TownCode, row.GetAttribute("data-town"));
            Assert.Equal(town.Town.TownName, row.QuerySelector("th a")!.TextContent);
            Assert.Equal(town.Rank, int.Parse(row.QuerySelector("td.rank")!.TextContent, CultureInfo.InvariantCulture));
            Assert.Equal(ResultText.Total(town.Town.Result), row.QuerySelector("td.total")!.TextContent);
            Assert.Equal(ResultText.Grade(town.Town.Result), row.QuerySelector("td.grade")!.TextContent);
        }

        // The previous quarter (2024Q3) is loaded, so every town has a change of rank; the heat map has its options and table.
        Assert.All(rows, r => Assert.NotEqual("—", r.QuerySelector("td.change")!.TextContent));
        Assert.NotNull(document.QuerySelector(".heatmap [data-chart]"));
        Assert.Equal(expected.Towns.Count, document.QuerySelectorAll("table.heat-table tbody tr").Length);
    }

    [Fact]
    public async Task Drill_down_shows_each_items_explanation_as_the_scorer_produced_it()
    {
        var client = await SignedInAsAsync("leader-drill", Roles.Leader);
        await client.GetAsync(Page); // refreshes the metric tables when stale
        var town = Expected().Towns[0].Town;
        var response = await client.GetAsync($"/leader/scorecard/town?rubric={RubricId}&period={Period}&town={Uri.EscapeDataString(town.TownCode)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var rows = document.QuerySelectorAll("table.items tbody tr");
        Assert.Equal(town.Result.Items.Count, rows.Length);
        foreach (var (row, item) in rows.Zip(town.Result.Items))
        {
            Assert.Equal(item.Code, row.GetAttribute("data-item"));
            Assert.Equal(item.Status.Label(), row.QuerySelector("td.status")!.TextContent);
            Assert.Equal(item.Explanation, row.QuerySelector("td.explanation")!.TextContent);
        }
    }

    [Fact]
    public async Task Admin_sees_the_scorecard_and_unknown_towns_are_404()
    {
        var client = await fixture.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page)).StatusCode);
        var missing = await client.GetAsync($"/leader/scorecard/town?rubric={RubricId}&period={Period}&town=nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Ranking_csv_download_matches_the_table()
    {
        var client = await SignedInAsAsync("leader-csv", Roles.Leader);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(Page));
        var link = document.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("format=csv"));
        var response = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);

        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("名次,街镇代码,街镇,评定状态,总分*,满分,可达最低分*,可达最高分*,等级*,可能等级*", lines[0]);
        var expected = Expected();
        // The header, one line per 街镇, then the "*" footnote.
        Assert.Equal(expected.Towns.Count + 2, lines.Length);
        foreach (var (line, town) in lines.Skip(1).Zip(expected.Towns))
        {
            var cells = line.Split(',');
            Assert.Equal(town.Rank.ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(town.Town.TownCode, cells[1]);
            Assert.Equal(town.Town.TownName, cells[2]);
            Assert.Equal(town.Town.Result.State.Label(), cells[3]);
            Assert.Equal(Math.Round(town.Town.Result.Total, 2), decimal.Parse(cells[4], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The scorer's own result for the same rubric and period, straight from the warehouse.</summary>
    private DistrictScore Expected() => fixture.Score(RubricId, Period);

    private async Task<HttpClient> SignedInAsAsync(string username, params string[] roles)
    {
        fixture.Services.GetRequiredService<UserStore>().Save(username, "correct-horse-battery", roles);
        var (client, response) = await fixture.SignInAsync(username, "correct-horse-battery");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
