using System.Diagnostics;
using System.Net;
using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// Sign-in under attack: return URLs that browsers would follow off-site, sessions that must end (sign-out, role change,
/// password change, an admin's 全部下线, the absolute lifetime), the same answer for unknown names and wrong passwords,
/// and growing waits instead of a lock a stranger could set off.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInAttackTests(DashboardFixture fixture)
{
    private const string Password = "correct-horse-battery";

    public static TheoryData<string> OffSiteReturnUrls => new()
    {
        "/\t/evil.example/phish",
        "/\n/evil.example/phish",
        "/\r\n/evil.example",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "\\/evil.example/",
        "https://evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example",
        " /evil.example",
        "~/evil",
    };

    [Theory]
    [MemberData(nameof(OffSiteReturnUrls))]
    public async Task A_return_url_that_could_leave_the_site_becomes_the_home_page(string returnUrl)
    {
        var (_, response) = await SignInAsync("admin", DashboardFixture.AdminPassword, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        var login = new HtmlParser().ParseDocument(await fixture.Anonymous().GetStringAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal("/", login.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/leader/scorecard?rubric=x&period=2024")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/admin/users")]
    public async Task A_local_return_url_is_kept_as_a_path_of_this_site(string returnUrl)
    {
        var (_, response) = await SignInAsync("admin", DashboardFixture.AdminPassword, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal(returnUrl, location);
        Assert.False(new Uri(new Uri("http://host.test"), location).Host != "host.test", location);
    }

    [Fact]
    public async Task Signing_out_ends_every_session_of_the_user_including_a_saved_cookie()
    {
        var first = await SignedInAsync("session-signout", Roles.Analyst);
        var (second, _) = await SignInAsync("session-signout", Password, "/");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/analyst/sql")).StatusCode);
        var token = await DashboardFixture.AntiforgeryTokenAsync(first, "/analyst/sql");
        await first.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        await AssertSignedOutAsync(first);
        await AssertSignedOutAsync(second);
    }

    [Fact]
    public async Task A_role_change_ends_the_users_sessions()
    {
        var client = await SignedInAsync("session-roles", Roles.Analyst, Roles.Leader);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/analyst/sql")).StatusCode);
        fixture.Services.GetRequiredService<UserStore>().Save("session-roles", Password, [Roles.Leader]);
        await AssertSignedOutAsync(client);
    }

    [Fact]
    public async Task A_password_change_ends_the_users_sessions()
    {
        var client = await SignedInAsync("session-password", Roles.Analyst);
        fixture.Services.GetRequiredService<UserStore>().Save("session-password", "a-new-password-entirely", [Roles.Analyst]);
        await AssertSignedOutAsync(client);
    }

    [Fact]
    public async Task An_admin_ends_every_session_of_a_user_and_it_is_audited()
    {
        var client = await SignedInAsync("session-admin-ended", Roles.Analyst);
        var admin = await fixture.AdminAsync();
        var token = await DashboardFixture.AntiforgeryTokenAsync(admin, "/admin/users");
        var response = await admin.PostAsync("/admin/users/end-sessions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "session-admin-ended", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/admin/users?ended=session-admin-ended", response.Headers.Location?.OriginalString);
        await AssertSignedOutAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        Assert.Contains(fixture.Services.GetRequiredService<AuditLog>().Recent(),
            e => e.User == "admin" && e.Action == "user-sessions-ended" && e.Detail == "session-admin-ended");
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_even_while_it_is_used()
    {
        var clock = FakeClockAtWholeSecond();
        var host = fixture.WithWebHostBuilder(b => b.UseSetting("Analytics:SessionAbsoluteHours", "0").ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        host.Services.GetRequiredService<UserStore>().Save("session-absolute", Password, [Roles.Analyst]);
        var (client, _) = await SignInAsync(host, "session-absolute", Password, "/");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/analyst/sql")).StatusCode);

        // The sign-in time is kept in whole seconds: one second later a zero-hour lifetime has passed.
        clock.Advance(TimeSpan.FromSeconds(1));
        await AssertSignedOutAsync(client);
    }

    [Fact]
    public async Task Unknown_names_and_wrong_passwords_get_the_same_answer_in_about_the_same_time()
    {
        fixture.Services.GetRequiredService<UserStore>().Save("uniform-real", Password, [Roles.Analyst]);
        var unknown = new List<double>();
        var wrong = new List<double>();
        string? unknownLocation = null, wrongLocation = null;
        for (var i = 0; i < 3; i++)
        {
            var (u, uTime) = await TimedFailureAsync("uniform-nobody-" + i);
            var (w, wTime) = await TimedFailureAsync("uniform-real");
            (unknownLocation, wrongLocation) = (u, w);
            unknown.Add(uTime);
            wrong.Add(wTime);
        }

        Assert.Equal("/account/login?error=invalid&returnUrl=%2F", unknownLocation);
        Assert.Equal(unknownLocation, wrongLocation);
        var (unknownMedian, wrongMedian) = (unknown.Order().ElementAt(1), wrong.Order().ElementAt(1));
        Assert.InRange(unknownMedian / wrongMedian, 1 / 3.0, 3.0);
    }

    [Fact]
    public async Task Repeated_failures_slow_the_next_attempts_but_never_lock_out_the_right_password()
    {
        var clock = FakeClockAtWholeSecond();
        var host = fixture.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        host.Services.GetRequiredService<UserStore>().Save("throttle-me", Password, [Roles.Analyst]);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            var ((_, failed), waited) = await AnsweredOnTheClockAsync(clock, SignInAsync(host, "throttle-me", "wrong-" + i, "/"));
            Assert.Equal("/account/login?error=invalid&returnUrl=%2F", failed.Headers.Location?.OriginalString);
            waits.Add(waited);
        }

        // Five free failures, then one second, doubling: the seventh attempt waits two seconds, then succeeds.
        var ((client, right), seventh) = await AnsweredOnTheClockAsync(clock, SignInAsync(host, "throttle-me", Password, "/analyst/sql"));
        Assert.Equal("/analyst/sql", right.Headers.Location?.OriginalString);
        Assert.True(waits[5] >= TimeSpan.FromSeconds(1), waits[5].ToString());
        Assert.True(seventh >= TimeSpan.FromSeconds(2), seventh.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/analyst/sql")).StatusCode);
        Assert.Contains(host.Services.GetRequiredService<AuditLog>().Recent(), e => e.User == "throttle-me" && e.Action == AccountEndpoints.ThrottledAuditAction);
    }

    /// <summary>
    /// Moves the host's clock in small steps until the request is answered and returns how far it moved. Steps taken
    /// before the request began a wait only add to the total, so an answer after a wait of N seconds proves at least N.
    /// </summary>
    private static async Task<(T Answer, TimeSpan Advanced)> AnsweredOnTheClockAsync<T>(FakeTimeProvider clock, Task<T> request)
    {
        var step = TimeSpan.FromMilliseconds(100);
        var advanced = TimeSpan.Zero;
        for (var round = 0; round < 2400 && !request.IsCompleted; round++)
        {
            await Task.WhenAny(request, Task.Delay(50));
            if (!request.IsCompleted)
            {
                clock.Advance(step);
                advanced += step;
            }
        }

        return (await request, advanced);
    }

    [Fact]
    public async Task Throttled_names_are_listed_for_admins()
    {
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync("throttle-listed", "wrong-" + i, "/");
        }

        var admin = await fixture.AdminAsync();
        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/users"));
        var row = page.QuerySelectorAll("#throttled tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToList())
            .Single(cells => cells[0] == "account:throttle-listed");
        Assert.Equal("5", row[1]);
        Assert.Equal("1", row[3]);
    }

    private async Task<(string? Location, double Milliseconds)> TimedFailureAsync(string username)
    {
        var client = fixture.Anonymous();
        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/account/login");
        var stopwatch = Stopwatch.StartNew();
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = "not-the-password", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        return (response.Headers.Location?.OriginalString, stopwatch.Elapsed.TotalMilliseconds);
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        var page = await client.GetAsync("/analyst/sql");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery());
    }

    private async Task<HttpClient> SignedInAsync(string username, params string[] roles)
    {
        fixture.Services.GetRequiredService<UserStore>().Save(username, Password, roles);
        var (client, response) = await SignInAsync(username, Password, "/");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    private Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string username, string password, string returnUrl) =>
        SignInAsync(fixture, username, password, returnUrl);

    /// <summary>A fake clock at the current time without its fraction, as the session's sign-in time is kept.</summary>
    private static FakeTimeProvider FakeClockAtWholeSecond() =>
        new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private static async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(WebApplicationFactory<Program> host, string username, string password, string returnUrl)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
        return (client, response);
    }
}
