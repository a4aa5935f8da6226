using System.Net;
using Analytics.Etl.Scheduling;
using Analytics.Sources;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// Output caching of the public pages and the open-data API: anonymous answers are reused (the Age header says so),
/// signed-in requests never are, and a committed load makes the next answer a fresh one.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PublicPageCacheTests(DashboardFixture fixture)
{
    public static TheoryData<string> CachedRoutes => ["/?quarter=2024Q3", "/districts/310117?quarter=2024Q3", "/api/v1/districts?quarter=2024Q3", "/api/v1/districts?quarter=2024Q3&format=csv"];

    [Theory]
    [MemberData(nameof(CachedRoutes))]
    public async Task Anonymous_answers_are_reused_with_the_security_headers(string path)
    {
        var client = fixture.Anonymous();
        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(Security.SecurityHeadersMiddleware.ContentSecurityPolicy, string.Join(' ', second.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("nosniff", second.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Signed_in_pages_are_never_taken_from_or_put_into_the_cache()
    {
        const string path = "/?quarter=2024Q4";
        var anonymous = fixture.Anonymous();
        await anonymous.GetAsync(path);
        Assert.NotNull((await anonymous.GetAsync(path)).Headers.Age);

        var admin = await fixture.AdminAsync();
        var signedIn = await admin.GetAsync(path);
        Assert.Null(signedIn.Headers.Age);
        Assert.Contains("退出", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var afterwards = await anonymous.GetStringAsync(path);
        Assert.DoesNotContain("退出", afterwards, StringComparison.Ordinal);
        Assert.Contains("/account/login", afterwards, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_committed_load_makes_the_next_answer_fresh()
    {
        const string path = "/api/v1/trends/310000?quarter=2024Q4";
        var client = fixture.Anonymous();
        await client.GetAsync(path);
        Assert.NotNull((await client.GetAsync(path)).Headers.Age);

        var warehouse = fixture.Services.GetRequiredService<WarehouseDatabase>();
        var version = warehouse.DataVersion;
        var outcome = await fixture.Services.GetRequiredService<EtlScheduler>().RunNowAsync("reference", new Quarter(2024, 4));
        Assert.Equal(LoadRunState.Succeeded, outcome.State);
        Assert.True(warehouse.DataVersion > version);

        var fresh = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Null(fresh.Headers.Age);
        Assert.NotNull((await client.GetAsync(path)).Headers.Age);
    }
}
