using System.Net;
using Analytics.Dashboard.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SecurityTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Login_with_the_configured_admin_password_succeeds_and_is_audited()
    {
        var client = await fixture.AdminAsync();
        var page = await client.GetStringAsync("/admin/audit");
        Assert.Contains("login", page);
        Assert.Contains(fixture.Services.GetRequiredService<AuditLog>().Recent(), e => e.User == "admin" && e.Action == "login");
    }

    [Fact]
    public async Task Login_with_a_wrong_password_fails_and_is_audited()
    {
        var (client, response) = await fixture.SignInAsync("admin-wrong", "not the password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
        Assert.Contains(fixture.Services.GetRequiredService<AuditLog>().Recent(), e => e.User == "admin-wrong" && e.Action == "login-failed");
    }

    [Fact]
    public async Task Passwords_are_stored_as_pbkdf2_hashes()
    {
        fixture.Services.GetRequiredService<UserStore>().Save("hash-check", "plain-text-secret", [Roles.Evaluator]);
        using var connection = fixture.Services.GetRequiredService<Analytics.Dashboard.Data.AppDatabase>().Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash, salt FROM app.users WHERE username = 'hash-check'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.StartsWith("pbkdf2-sha256$", reader.GetString(0));
        Assert.DoesNotContain("plain-text-secret", reader.GetString(0));
        Assert.True(PasswordHasher.Verify("plain-text-secret", reader.GetString(0), reader.GetString(1)));
        Assert.False(PasswordHasher.Verify("plain-text-secreT", reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public async Task Posts_without_an_antiforgery_token_are_rejected()
    {
        var anonymous = fixture.Anonymous();
        var login = await anonymous.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin",
            ["password"] = DashboardFixture.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);

        var admin = await fixture.AdminAsync();
        var runNow = await admin.PostAsync("/admin/jobs/run", new FormUrlEncodedContent(new Dictionary<string, string> { ["feed"] = "reference" }));
        Assert.Equal(HttpStatusCode.BadRequest, runNow.StatusCode);
        var logout = await admin.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var admin = await fixture.AdminAsync();
        var token = await DashboardFixture.AntiforgeryTokenAsync(admin, "/admin");
        var logout = await admin.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/admin")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/districts")]
    [InlineData("/admin")]
    public async Task Security_headers_are_sent(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Admin_can_create_a_user_with_roles_and_districts()
    {
        var admin = await fixture.AdminAsync();
        var token = await DashboardFixture.AntiforgeryTokenAsync(admin, "/admin/users");
        var response = await admin.PostAsync("/admin/users", new FormUrlEncodedContent(
        [
            new("username", "new-leader"), new("password", "a-long-password-1"), new("roles", "leader"), new("roles", "analyst"),
            new("districts", "310117"), new("districts", "310118"), new("__RequestVerificationToken", token),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var user = fixture.Services.GetRequiredService<UserStore>().List().Single(u => u.Username == "new-leader");
        Assert.Equal(["leader", "analyst"], user.Roles);
        Assert.Equal("310117,310118", user.Districts.Stored);
        var page = await admin.GetStringAsync("/admin/users");
        Assert.Contains("new-leader", page);
        Assert.Contains("松江区、青浦区", page);
    }

    [Fact]
    public async Task Admin_must_choose_the_city_or_a_district_for_a_user()
    {
        var admin = await fixture.AdminAsync();
        var token = await DashboardFixture.AntiforgeryTokenAsync(admin, "/admin/users");
        var response = await admin.PostAsync("/admin/users", new FormUrlEncodedContent(
        [
            new("username", "no-district"), new("password", "a-long-password-1"), new("roles", "leader"),
            new("__RequestVerificationToken", token),
        ]));
        Assert.Equal("/admin/users?error=districts", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(fixture.Services.GetRequiredService<UserStore>().List(), u => u.Username == "no-district");
    }
}
