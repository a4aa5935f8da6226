using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Analytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class RateLimitTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Public_api_and_login_are_rate_limited()
    {
        using var limited = fixture.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Analytics:PublicApiRequestsPerMinute", "3");
            builder.UseSetting("Analytics:LoginRequestsPerMinute", "3");
        });
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var api = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            api.Add((await client.GetAsync("/api/v1/indicators")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], api);

        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/account/login");
        var logins = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = "nobody",
                ["password"] = "wrong",
                ["__RequestVerificationToken"] = token,
            }));
            logins.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, logins[^1]);
        Assert.Equal(3, logins.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
