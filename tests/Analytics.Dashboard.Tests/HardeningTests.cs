using System.Net;
using System.Text.Json;
using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;

namespace Analytics.Dashboard.Tests;

/// <summary>The smaller points of the attack on the host: the OpenAPI document, 429 answers and the CSV formula guard.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HardeningTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_openapi_document_lists_only_public_routes_and_does_not_echo_the_host()
    {
        var client = fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        var paths = JsonDocument.Parse(body).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rate_limited_answer_says_when_to_come_back_in_chinese()
    {
        var host = fixture.WithWebHostBuilder(b => b.UseSetting("Analytics:PublicApiRequestsPerMinute", "1"));
        var client = host.CreateClient();
        await client.GetAsync("/api/v1/districts");
        var limited = await client.GetAsync("/api/v1/districts");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("请求过于频繁，请稍后再试。(too many requests)", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Csv_values_beginning_with_a_tab_or_carriage_return_are_guarded_like_formulas()
    {
        var client = await fixture.SignedInAsAsync("csv-guard", Roles.Analyst);
        var html = await client.GetStringAsync("/analyst/sql");
        var token = new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync("/analyst/sql/export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sql"] = "SELECT chr(9) || '=HYPERLINK(1)' AS tab, chr(13) || '+1' AS cr, '-5' AS negative",
            ["format"] = "csv",
            ["__RequestVerificationToken"] = token,
        }));
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Equal("tab,cr,negative\r\n'\t=HYPERLINK(1),\"'\r+1\",-5", text.TrimEnd('\r', '\n'));
    }
}
