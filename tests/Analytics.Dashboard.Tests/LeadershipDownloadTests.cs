using System.Net;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The leadership downloads: every CSV link has an .xlsx beside it with the same rows and values.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LeadershipDownloadTests(DashboardFixture fixture)
{
    private const string RubricId = "qingpu-2024";
    private const string Period = "2024Q4";

    [Fact]
    public async Task The_ranking_xlsx_has_the_same_rows_and_values_as_the_csv()
    {
        var client = await fixture.SignedInAsAsync("download-ranking", Roles.Leader);
        var (csv, xlsx) = await BothAsync(client, $"/leader/scorecard?rubric={RubricId}&period={Period}");
        Assert.Equal(csv, xlsx);
        var score = Expected();
        // The header, one row per 街镇, then the "*" footnote row (青浦's points and grade bands are ours).
        Assert.Equal(score.Towns.Count + 2, csv.Count);
        var rows = csv.Skip(1).Take(score.Towns.Count).ToList();
        Assert.Equal(score.Towns.Select(t => t.Town.TownCode).ToList(), rows.Select(r => r[1]).ToList());
        // 青浦 is assessed once a year: a quarter has no total (empty, never 0) and no grade.
        Assert.Equal(score.Towns.Select(t => t.Town.Result.IsAssessed ? LeadershipNumber(t.Town.Result.Total) : "").ToList(), rows.Select(r => r[4]).ToList());
        Assert.All(rows, r => Assert.Equal("本期不考核", r[3]));
        Assert.All(rows, r => Assert.Equal("年度考核，12 月评定", r[8]));
        Assert.All(rows, r => Assert.Equal("", r[0]));
    }

    [Fact]
    public async Task The_items_xlsx_of_a_town_has_the_same_rows_as_the_csv_and_numbers_as_numbers()
    {
        var client = await fixture.SignedInAsAsync("download-items", Roles.Leader);
        var town = Expected().Towns[0].Town;
        var page = $"/leader/scorecard/town?rubric={RubricId}&period={Period}&town={Uri.EscapeDataString(town.TownCode)}";
        var (csv, xlsx) = await BothAsync(client, page);
        Assert.Equal(csv, xlsx);
        Assert.Equal(["编号", "评分项", "分区", "考核频次", "状态", "得分", "满分", "本系统设定", "所用数据", "说明"], csv[0]);
        var rows = csv.Skip(1).SkipLast(1).ToList();
        Assert.Equal(town.Result.Items.Select(i => i.Code).ToList(), rows.Select(r => r[0]).ToList());
        Assert.Equal(town.Result.Items.Select(ResultText.ItemScore).ToList(), rows.Select(r => r[5]).ToList());
        Assert.Equal(town.Result.Items.Select(i => i.Explanation).ToList(), rows.Select(r => r[9]).ToList());

        var link = await LinkAsync(client, page, "format=xlsx");
        var numbers = Downloads.XlsxNumbers(await client.GetByteArrayAsync(link));
        Assert.All(numbers.Skip(1).SkipLast(1), row => Assert.Equal([false, false, false, false, false, false, true, false, false, false], row));
    }

    [Fact]
    public async Task The_comparison_xlsx_has_the_same_rows_as_the_csv()
    {
        var client = await fixture.SignedInAsAsync("download-compare", Roles.Admin);
        var (csv, xlsx) = await BothAsync(client, $"/leader/compare?period={Period}");
        Assert.Equal(csv, xlsx);
        Assert.True(csv.Count > 1);
    }

    [Fact]
    public async Task An_unknown_town_download_is_404()
    {
        var client = await fixture.SignedInAsAsync("download-404", Roles.Leader);
        var response = await client.GetAsync($"/api/leader/scorecard/town?rubric={RubricId}&period={Period}&town=nope&format=xlsx");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The CSV and .xlsx linked from a page, both read back as rows of text.</summary>
    private static async Task<(List<List<string>> Csv, List<List<string>> Xlsx)> BothAsync(HttpClient client, string page)
    {
        var csv = await client.GetAsync(await LinkAsync(client, page, "format=csv"));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var xlsx = await client.GetAsync(await LinkAsync(client, page, "format=xlsx"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        return (Downloads.Csv(await csv.Content.ReadAsByteArrayAsync()), Downloads.Xlsx(await xlsx.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<string> LinkAsync(HttpClient client, string page, string format)
    {
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        return document.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).Single(h => h.Contains(format, StringComparison.Ordinal));
    }

    private static string LeadershipNumber(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private DistrictScore Expected() => fixture.Score(RubricId, Period);
}
