using System.Net;
using Analytics.Dashboard.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class AccessRulesTests(DashboardFixture fixture)
{
    public static TheoryData<string> PublicPages =>
        ["/", "/districts/310117", "/districts/310105?quarter=2024Q3", "/account/login", "/methodology", "/methodology/dibao", "/methodology/hedui.overdue_rate", "/methodology/rubric/changning-2023"];

    public static TheoryData<string> PublicApis =>
    [
        "/api/v1/indicators", "/api/v1/quarters", "/api/v1/districts", "/api/v1/districts?format=csv",
        "/api/v1/districts/310117/towns", "/api/v1/districts/310117/towns?format=csv", "/api/v1/trends/310000",
        "/api/v1/trends/310107?format=csv", "/openapi/v1.json", "/healthz", "/healthz/live",
        "/api/v1/methodology", "/api/v1/methodology?scope=public&format=csv",
    ];

    /// <summary>Leadership pages added with the profile, comparison and box plot (局领导 and 管理员).</summary>
    public static TheoryData<string> LeaderPages =>
    [
        "/leader/compare", "/leader/compare?period=2024Q3&indicator=hedui.overdue_rate",
        "/leader/scorecard/profile?rubric=putuo-2024&period=2024Q4&town=x",
        "/leader/scorecard/improve?rubric=songjiang-2024&period=2024Q4&town=x",
    ];

    public static TheoryData<string> LeaderApis =>
    [
        "/api/leader/scorecard?rubric=putuo-2024&period=2024Q4&format=xlsx", "/api/leader/scorecard/town?rubric=putuo-2024&period=2024Q4&town=x",
        "/api/leader/compare?format=csv", "/api/leader/compare?format=xlsx",
        "/api/leader/self-report?rubric=songjiang-2024&town=x",
    ];

    public static TheoryData<string> AdminPages => ["/admin", "/admin/runs", "/admin/quarantine", "/admin/jobs", "/admin/users", "/admin/audit"];

    public static TheoryData<string> AdminApis =>
    [
        "/api/admin/runs", "/api/admin/runs?format=csv", "/api/admin/quarantine", "/api/admin/quarantine?format=csv",
        "/api/admin/jobs", "/api/admin/jobs?format=csv", "/api/admin/users", "/api/admin/users?format=csv",
        "/api/admin/audit", "/api/admin/audit?format=csv",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    [MemberData(nameof(PublicApis))]
    public async Task Public_routes_answer_anonymous_users(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    [MemberData(nameof(LeaderPages))]
    [InlineData("/evaluator")]
    public async Task Staff_pages_redirect_anonymous_users_to_login(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery());
    }

    [Theory]
    [MemberData(nameof(AdminApis))]
    [MemberData(nameof(LeaderApis))]
    public async Task Staff_apis_return_401_to_anonymous_users(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    [MemberData(nameof(AdminApis))]
    public async Task Admin_routes_return_403_to_other_roles(string path)
    {
        var client = await SignedInAsAsync("analyst-403", Roles.Analyst, Roles.Leader, Roles.Evaluator);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    [MemberData(nameof(AdminApis))]
    public async Task Admin_routes_answer_the_admin(string path)
    {
        var client = await fixture.AdminAsync();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(LeaderPages))]
    [MemberData(nameof(LeaderApis))]
    public async Task Leader_routes_return_403_to_analysts_and_evaluators(string path)
    {
        var client = await SignedInAsAsync("analyst-evaluator-403", Roles.Analyst, Roles.Evaluator);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/leader/compare", Roles.Leader)]
    [InlineData("/leader/compare", Roles.Admin)]
    [InlineData("/api/leader/compare?format=xlsx", Roles.Leader)]
    [InlineData("/evaluator", Roles.Evaluator)]
    [InlineData("/evaluator", Roles.Leader)]
    [InlineData("/evaluator", Roles.Admin)]
    public async Task Leader_and_evaluator_routes_answer_their_roles(string path, string role)
    {
        var client = await SignedInAsAsync("role-ok-" + role, role);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_evaluator_page_returns_403_to_analysts()
    {
        var client = await SignedInAsAsync("analyst-evaluator-page", Roles.Analyst);
        var response = await client.GetAsync("/evaluator");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Admin_posts_return_403_to_other_roles()
    {
        var client = await SignedInAsAsync("leader-post", Roles.Leader);
        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/");
        foreach (var (path, fields) in new[]
                 {
                     ("/admin/jobs/run", new Dictionary<string, string> { ["feed"] = "reference", ["quarter"] = "2024Q4" }),
                     ("/admin/users", new Dictionary<string, string> { ["username"] = "intruder", ["password"] = "long-enough-password", ["roles"] = "admin" }),
                 })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.False(fixture.Services.GetRequiredService<UserStore>().Exists("intruder"));
    }

    [Fact]
    public async Task Admin_posts_redirect_anonymous_users_to_login()
    {
        var client = fixture.Anonymous();
        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/admin/jobs/run", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["feed"] = "reference",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery());
    }

    private async Task<HttpClient> SignedInAsAsync(string username, params string[] roles)
    {
        fixture.Services.GetRequiredService<UserStore>().Save(username, "correct-horse-battery", roles);
        var (client, response) = await fixture.SignInAsync(username, "correct-horse-battery");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }
}

internal static class UriExtensions
{
    /// <summary>Path and query of an absolute or relative redirect target.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
