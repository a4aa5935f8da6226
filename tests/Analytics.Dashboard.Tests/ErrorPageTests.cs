using System.Net;
using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Analytics.Dashboard.Tests;

/// <summary>403, 404 and 429 answers to a browser are Chinese pages in the site's layout that keep their status (and 429 its Retry-After); the APIs keep their bare or JSON answers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ErrorPageTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/methodology/no.such_indicator")]
    [InlineData("/methodology/rubric/nowhere-2024")]
    public async Task An_unknown_page_or_code_is_a_styled_404_with_a_link_home(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await StyledAsync(response);
        Assert.Equal("页面不存在", page.Title);
        Assert.Contains("您要找的页面不存在", page.Text);
    }

    [Fact]
    public async Task A_page_the_role_may_not_open_is_a_styled_403()
    {
        var analyst = await fixture.SignedInAsAsync("error-analyst", Roles.Analyst);
        var response = await analyst.GetAsync("/leader/scorecard");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await StyledAsync(response);
        Assert.Equal("没有访问权限", page.Title);
        Assert.Contains("error-analyst", page.Text); // the layout still shows who is signed in
    }

    [Fact]
    public async Task Another_districts_scorecard_is_the_same_404_page_as_a_missing_one()
    {
        var leader = await fixture.SignedInAsAsync("error-district", DistrictScope.Of(["310117"])!, Roles.Leader);
        var response = await leader.GetAsync("/leader/scorecard?rubric=qingpu-2024&period=2024Q4");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不存在", (await StyledAsync(response)).Title);
    }

    [Fact]
    public async Task A_refused_form_post_shows_the_page_without_re_entering_the_form()
    {
        var leader = await fixture.SignedInAsAsync("error-post", Roles.Leader);
        var token = await DashboardFixture.AntiforgeryTokenAsync(leader, "/evaluator");
        var response = await leader.PostAsync("/evaluator?rubric=songjiang-2024&period=2024Q4", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "judgement", ["item"] = "x", ["score"] = "1", ["reason"] = "r", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("没有访问权限", (await StyledAsync(response)).Title);
    }

    [Fact]
    public async Task Too_many_sign_ins_is_a_styled_429_with_retry_after_while_the_api_keeps_its_text()
    {
        using var limited = fixture.WithWebHostBuilder(b =>
        {
            b.UseSetting("Analytics:LoginRequestsPerMinute", "1");
            b.UseSetting("Analytics:PublicApiRequestsPerMinute", "1");
        });
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/account/login");
        HttpResponseMessage? response = null;
        for (var i = 0; i < 2; i++)
        {
            response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = "nobody", ["password"] = "wrong", ["__RequestVerificationToken"] = token,
            }));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response!.StatusCode);
        var seconds = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(seconds, 1, 60);
        var page = await StyledAsync(response);
        Assert.Equal("请求过于频繁", page.Title);
        Assert.Contains($"请 {seconds} 秒后再试", page.Text);

        await client.GetAsync("/api/v1/indicators");
        var api = await client.GetAsync("/api/v1/indicators");
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.NotNull(api.Headers.RetryAfter);
        Assert.Equal("请求过于频繁，请稍后再试。(too many requests)", await api.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/leader/briefings/987654/pdf")]
    public async Task Api_errors_keep_their_bare_answers(string path)
    {
        var leader = await fixture.SignedInAsAsync("error-api", Roles.Leader);
        var response = await leader.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(string Title, string Text)> StyledAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(document.QuerySelector("header.top a.brand")); // the site's layout
        Assert.Equal("/", document.QuerySelector(".error-page a")?.GetAttribute("href"));
        return (document.QuerySelector(".error-page h1")?.TextContent ?? "", document.Body?.TextContent ?? "");
    }
}
