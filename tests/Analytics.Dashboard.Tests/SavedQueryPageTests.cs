using System.Net;
using Analytics.Dashboard.Security;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>Saving, sharing and opening console queries and drawing a chart of a result, through the console's own form.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SavedQueryPageTests(DashboardFixture fixture)
{
    private const string Sql = "SELECT district_code, count(*) AS towns FROM dim_region WHERE valid_to IS NULL GROUP BY 1 ORDER BY 1";

    [Fact]
    public async Task A_shared_query_with_its_chart_is_listed_for_another_analyst_and_opens_filled_and_drawn()
    {
        var author = await fixture.SignedInAsAsync("page-author", Roles.Analyst);
        var saved = await PostAsync(author, "/analyst/sql", new()
        {
            ["Sql"] = Sql, ["save-title"] = "各区街镇数", ["save-shared"] = "1", ["command"] = "save", ["chart-kind"] = "bar",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var link = saved.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/analyst/sql?query=", link, StringComparison.Ordinal);

        var reader = await fixture.SignedInAsAsync("page-reader", Roles.Analyst);
        var console = Parse(await reader.GetStringAsync("/analyst/sql"));
        var shared = console.QuerySelector("#shared-queries")!;
        Assert.Contains("各区街镇数", shared.TextContent, StringComparison.Ordinal);
        Assert.Contains("page-author", shared.TextContent, StringComparison.Ordinal);
        Assert.Contains("北京时间", shared.TextContent, StringComparison.Ordinal);

        var opened = Parse(await reader.GetStringAsync(link));
        Assert.Equal(Sql, opened.QuerySelector("textarea#sql")!.TextContent);
        Assert.Null(opened.QuerySelector("#sql-error"));
        var chart = opened.QuerySelector("#result-chart .chart")!.GetAttribute("data-chart")!;
        Assert.Contains("\"type\":\"bar\"", chart, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"towns\"", chart, StringComparison.Ordinal);
        // The reader may not change it: no hidden id, so a save makes a copy of their own.
        Assert.Null(opened.QuerySelector("input[name=save-id]"));
    }

    [Fact]
    public async Task An_empty_title_is_refused_beside_the_field_and_the_query_still_runs()
    {
        var client = await fixture.SignedInAsAsync("page-empty", Roles.Analyst);
        var response = await PostAsync(client, "/analyst/sql", new() { ["Sql"] = "SELECT 1 AS n", ["save-title"] = "", ["command"] = "save" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("请填写标题。", page.QuerySelector("#save-title-error")!.TextContent);
        Assert.Equal(["1"], page.QuerySelectorAll("#sql-result tbody td").Select(td => td.TextContent).ToList());
    }

    [Fact]
    public async Task A_result_without_a_numeric_column_is_not_drawn_and_says_why()
    {
        var client = await fixture.SignedInAsAsync("page-text", Roles.Analyst);
        var response = await PostAsync(client, "/analyst/sql", new() { ["Sql"] = "SELECT 'a' AS name", ["chart-draw"] = "1" });
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Analytics.Dashboard.Sql.ResultChartPlan.NoNumericColumn, page.QuerySelector("#chart-error")!.TextContent);
        Assert.Null(page.QuerySelector("#result-chart .chart"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var form = Parse(await client.GetStringAsync(path)).QuerySelector("form.sql-form")!;
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
        {
            fields.TryAdd(input.GetAttribute("name")!, input.GetAttribute("value") ?? "");
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
