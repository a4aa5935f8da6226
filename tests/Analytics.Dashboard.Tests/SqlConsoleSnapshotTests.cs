using System.Globalization;
using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Sql;
using Analytics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// What the console's snapshot holds and when it is made: the scores and anomaly flags the leader pages show, a judgement
/// reaching it without a load, a data-driven PIVOT, and the snapshot made in the background before the first visit.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SqlConsoleSnapshotTests(DashboardFixture fixture)
{
    private const string RubricId = "songjiang-2024";
    private const string Period = "2024Q4";

    private static readonly object Gate = new();
    private static WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host
    {
        get
        {
            lock (Gate)
            {
                return _host ??= fixture.WithWebHostBuilder(_ => { });
            }
        }
    }

    [Fact]
    public async Task The_snapshot_holds_the_scores_and_anomaly_flags_the_leader_pages_show()
    {
        var client = await DashboardFixture.SignedInAsAsync(Host, "snapshot-scores", Roles.Analyst);
        var expected = fixture.Score(RubricId, Period);
        var town = expected.Towns[0].Town;

        var count = await CellsAsync(client, $"SELECT count(*) FROM score_result WHERE rubric_id = '{RubricId}' AND period = '{Period}' AND level = 'town'");
        Assert.Equal([expected.Towns.Count.ToString(CultureInfo.InvariantCulture)], count);
        var total = await CellsAsync(client,
            $"SELECT (total * 10000)::BIGINT, town_name FROM score_result WHERE rubric_id = '{RubricId}' AND period = '{Period}' AND town_code = '{town.TownCode}'");
        Assert.Equal([((long)(town.Result.Total * 10000m)).ToString(CultureInfo.InvariantCulture), town.TownName], total);
        var items = await CellsAsync(client, $"SELECT count(*) FROM score_item WHERE rubric_id = '{RubricId}' AND period = '{Period}' AND town_code = '{town.TownCode}'");
        Assert.Equal([town.Result.Items.Count.ToString(CultureInfo.InvariantCulture)], items);

        // The scorecard's flags of 松江 in 2024 are exactly the snapshot's rows of that district and year.
        var scores = Host.Services.GetRequiredService<LeadershipScores>();
        var card = scores.Scorecard(RubricCatalog.Get(RubricId), AssessmentPeriod.ForYear(2024), DistrictScope.City);
        var flags = await CellsAsync(client, "SELECT count(*) FROM anomaly_flag WHERE district_code = '310117' AND period LIKE '2024%'");
        Assert.Equal([card.Flags.Count.ToString(CultureInfo.InvariantCulture)], flags);
        var all = await CellsAsync(client, "SELECT count(*) > 0 FROM anomaly_flag");
        Assert.Equal(["true"], all);
    }

    [Fact]
    public async Task A_judgement_reaches_the_snapshot_without_a_load()
    {
        var client = await DashboardFixture.SignedInAsAsync(Host, "snapshot-judgement", Roles.Analyst);
        Assert.True(AssessmentPeriod.TryParse(Period, out var period));
        var rubric = RubricCatalog.Get(RubricId);
        var judgements = Host.Services.GetRequiredService<EvaluatorJudgements>();
        var town = judgements.Units(rubric, period).Where(u => !u.IsDistrict).ToList()[5];
        var sql = $"SELECT (score * 100)::BIGINT FROM score_item WHERE rubric_id = '{RubricId}' AND period = '{Period}' AND town_code = '{town.Code}' AND item_code = 'S1.3a'";

        judgements.Record("snapshot-evaluator", rubric, period, town.Code, "S1.3a", 4.5m, "快照应随评分更新");
        Assert.Equal(["450"], await CellsAsync(client, sql));
        judgements.Record("snapshot-evaluator", rubric, period, town.Code, "S1.3a", 2m, "复核后下调");
        Assert.Equal(["200"], await CellsAsync(client, sql));

        var total = fixture.Score(RubricId, Period).Towns.Single(t => t.Town.TownCode == town.Code).Town.Result.Total;
        Assert.Equal([((long)(total * 10000m)).ToString(CultureInfo.InvariantCulture)],
            await CellsAsync(client, $"SELECT (total * 10000)::BIGINT FROM score_result WHERE rubric_id = '{RubricId}' AND period = '{Period}' AND town_code = '{town.Code}'"));
    }

    [Fact]
    public async Task A_pivot_over_values_from_the_data_runs_as_one_statement()
    {
        var client = await DashboardFixture.SignedInAsAsync(Host, "snapshot-pivot", Roles.Analyst);
        var document = await SqlConsolePage.RunAsync(client, "PIVOT (SELECT * FROM (VALUES ('甲', 1), ('乙', 2), ('甲', 3)) t(k, v)) ON k USING sum(v)");
        Assert.True(document.QuerySelector("#sql-error") is null, document.QuerySelector("#sql-error")?.TextContent);
        var headers = document.QuerySelectorAll("#sql-result thead th").Select(th => th.FirstChild!.TextContent).ToList();
        Assert.Equal(["乙", "甲"], headers);
        Assert.Equal(["2", "4"], document.QuerySelectorAll("#sql-result tbody td").Select(td => td.TextContent).ToList());

        var towns = await CellsAsync(client, "SELECT count(*) FROM (PIVOT score_result ON level USING count(*))");
        Assert.Single(towns);
    }

    [Fact]
    public async Task The_snapshot_is_made_in_the_background_so_the_first_visit_does_not_wait_for_it()
    {
        await using var host = fixture.WithWebHostBuilder(b => b.UseSetting("Analytics:SqlConsole:PrepareInBackground", "true"));
        var snapshot = host.Services.GetRequiredService<SqlSnapshot>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (snapshot.Generation == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(1, snapshot.Generation);
        var client = await DashboardFixture.SignedInAsAsync(host, "snapshot-first-visit", Roles.Analyst);
        var page = await client.GetStringAsync("/analyst/sql");
        Assert.Contains("score_result", page, StringComparison.Ordinal);
        Assert.Equal(1, snapshot.Generation);
    }

    private static async Task<IReadOnlyList<string>> CellsAsync(HttpClient client, string sql)
    {
        var document = await SqlConsolePage.RunAsync(client, sql);
        Assert.True(document.QuerySelector("#sql-error") is null, $"{sql}: {document.QuerySelector("#sql-error")?.TextContent}");
        return document.QuerySelectorAll("#sql-result tbody td").Select(td => td.TextContent).ToList();
    }
}
