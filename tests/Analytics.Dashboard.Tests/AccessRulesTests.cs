using System.Net;
using Analytics.Dashboard.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class AccessRulesTests(DashboardFixture fixture)
{
    public static TheoryData<string> PublicPages => ["/", "/districts/310117", "/districts/310105?quarter=2024Q3", "/account/login"];

    public static TheoryData<string> PublicApis =>
    [
        "/api/v1/indicators", "/api/v1/quarters", "/api/v1/districts", "/api/v1/districts?format=csv",
        "/api/v1/districts/310117/towns", "/api/v1/districts/310117/towns?format=csv", "/api/v1/trends/310000",
        "/api/v1/trends/310107?format=csv", "/openapi/v1.json", "/healthz", "/healthz/live",
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
    public async Task Admin_pages_redirect_anonymous_users_to_login(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery());
    }

    [Theory]
    [MemberData(nameof(AdminApis))]
    public async Task Admin_apis_return_401_to_anonymous_users(string path)
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
