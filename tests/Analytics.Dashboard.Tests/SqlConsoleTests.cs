using System.Net;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Sql;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The analysts' SQL console: access rules, a normal query, the row cap (escape and exhaustion attempts are in
/// <see cref="ConsoleAttackTests"/>). Runs on a derived host with a 2 s timeout, 200 shown rows and a 256 MB memory limit.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SqlConsoleTests(DashboardFixture fixture)
{
    private static readonly object Gate = new();
    private static WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host
    {
        get
        {
            lock (Gate)
            {
                // Disposed with the fixture (WebApplicationFactory disposes the factories derived from it).
                return _host ??= fixture.WithWebHostBuilder(b =>
                {
                    b.UseSetting("Analytics:SqlConsole:TimeoutSeconds", "2");
                    b.UseSetting("Analytics:SqlConsole:MaxRows", "200");
                    b.UseSetting("Analytics:SqlConsole:MemoryLimit", "256MB");
                });
            }
        }
    }

    [Fact]
    public async Task Anonymous_users_are_redirected_to_login()
    {
        var client = Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetAsync("/analyst/sql");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery());
        var export = await client.PostAsync("/analyst/sql/export", new FormUrlEncodedContent(new Dictionary<string, string> { ["sql"] = "SELECT 1" }));
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task Leaders_get_403()
    {
        var client = await DashboardFixture.SignedInAsAsync(Host, "sql-leader", Roles.Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/analyst/sql")).StatusCode);
    }

    [Fact]
    public async Task Analysts_and_admins_get_the_console_with_the_schema_browser()
    {
        foreach (var role in new[] { Roles.Analyst, Roles.Admin })
        {
            var client = await DashboardFixture.SignedInAsAsync(Host, "sql-" + role, role);
            var response = await client.GetAsync("/analyst/sql");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("SQL 查询台", html, StringComparison.Ordinal);
            Assert.Contains("etl_run", html, StringComparison.Ordinal);
            Assert.DoesNotContain("audit_log", html, StringComparison.Ordinal);
            Assert.DoesNotContain("password_hash", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_normal_query_returns_the_grid_and_history_and_csv()
    {
        var client = await DashboardFixture.SignedInAsAsync(Host, "sql-grid", Roles.Analyst);
        var document = await SqlConsolePage.RunAsync(client, "SELECT 42 AS answer, 'é中' AS text");
        Assert.Null(document.QuerySelector("#sql-error"));
        var headers = document.QuerySelectorAll("#sql-result th").Select(th => th.TextContent).ToList();
        Assert.Equal(2, headers.Count);
        Assert.StartsWith("answer", headers[0], StringComparison.Ordinal);
        Assert.Contains("INTEGER", headers[0], StringComparison.Ordinal);
        Assert.Equal(["42", "é中"], document.QuerySelectorAll("#sql-result tbody td").Select(td => td.TextContent).ToList());
        Assert.Contains("SELECT 42 AS answer", document.QuerySelector("#sql-history")!.TextContent, StringComparison.Ordinal);

        var token = await AntiforgeryAsync(client);
        var csv = await client.PostAsync("/analyst/sql/export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sql"] = "SELECT district_code FROM dim_region ORDER BY 1 LIMIT 3",
            ["__RequestVerificationToken"] = token,
        }));
        var body = await csv.Content.ReadAsStringAsync();
        Assert.True(csv.StatusCode == HttpStatusCode.OK, body);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_result_is_capped_and_the_total_reported()
    {
        var client = await DashboardFixture.SignedInAsAsync(Host, "sql-huge", Roles.Analyst);
        var document = await SqlConsolePage.RunAsync(client, "SELECT range AS n FROM range(50000)");
        Assert.Null(document.QuerySelector("#sql-error"));
        Assert.Equal(200, document.QuerySelectorAll("#sql-result tbody tr").Length);
        Assert.Contains("50,000", document.QuerySelector("#sql-status")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<string> AntiforgeryAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/analyst/sql");
        return new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }
}
