using System.Net;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Sources;
using Analytics.Warehouse;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// One host for all tests: a WebApplicationFactory (in-memory test server) on a <see cref="DemoWarehouse"/>, demo mode
/// off, and a known admin password.
/// </summary>
public sealed class DashboardFixture : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-Passw0rd!";
    public const string KeyHex = DemoWarehouse.TestKeyHex;
    public static readonly Quarter[] Quarters = [new(2024, 3), new(2024, 4)];

    private readonly DemoWarehouse _warehouse = CreateDemo("analytics-dashboard-tests");

    public string Root => _warehouse.Root;

    public string DropFolder => _warehouse.DropFolder;

    public string DatabasePath => _warehouse.DatabasePath;

    /// <summary>The small demo warehouse (2024Q3–2024Q4) the in-memory host and the real host process serve.</summary>
    public static DemoWarehouse CreateDemo(string prefix) => DemoWarehouse.Create(prefix, Quarters[0], Quarters[^1], KeyHex);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Analytics:DatabasePath", DatabasePath);
        builder.UseSetting("Analytics:SourceFolder", DropFolder);
        builder.UseSetting("Analytics:DemoMode", "false");
        builder.UseSetting("Analytics:PseudonymKey", KeyHex);
        builder.UseSetting("Analytics:AdminPassword", AdminPassword);
        builder.UseSetting("Analytics:LoginRequestsPerMinute", "10000");
        builder.UseSetting("Analytics:PublicApiRequestsPerMinute", "10000");
        // Briefings only when a test asks for them (BriefingsPageTests), not after every test load.
        builder.UseSetting("Analytics:BriefingsAfterLoads", "false");
        // The console's snapshot only when a test queries it (SqlConsoleSnapshotTests turns the background one on).
        builder.UseSetting("Analytics:SqlConsole:PrepareInBackground", "false");
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// Signs in through the login form (with its antiforgery token) and returns the client holding the cookie;
    /// <paramref name="returnUrl"/> null posts the form as the plain login page does, without a return URL.
    /// </summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string username, string password, string? returnUrl = "/")
    {
        var client = Anonymous();
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = returnUrl ?? "",
            ["__RequestVerificationToken"] = token,
        }));
        return (client, response);
    }

    public async Task<HttpClient> AdminAsync()
    {
        var (client, response) = await SignInAsync("admin", AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>The scorer's own result for a rubric and period, after bringing the metric tables up to date as the pages do.</summary>
    public DistrictScore Score(string rubricId, string period)
    {
        Assert.True(AssessmentPeriod.TryParse(period, out var p));
        var warehouse = Services.GetRequiredService<WarehouseDatabase>();
        using (var connection = warehouse.Connect())
        {
            IndicatorEngine.RefreshIfStale(connection);
        }

        return TownScorer.Score(warehouse, RubricCatalog.Get(rubricId), p, store: false);
    }

    /// <summary>Every district-level indicator value of <paramref name="period"/> in metric_value, read directly (not through the pages).</summary>
    public Dictionary<(string Indicator, string District), decimal> DistrictValues(string period)
    {
        using var connection = Services.GetRequiredService<WarehouseDatabase>().Connect();
        IndicatorEngine.RefreshIfStale(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT indicator_code, district_code, value FROM metric_value WHERE level = 'district' AND period = $1 AND value IS NOT NULL";
        command.Parameters.AddValue(period);
        using var reader = command.ExecuteReader();
        var values = new Dictionary<(string, string), decimal>();
        while (reader.Read())
        {
            values[(reader.GetString(0), reader.GetString(1))] = Convert.ToDecimal(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>Creates (or resets) an account with <paramref name="roles"/> and returns a client signed in as it.</summary>
    public Task<HttpClient> SignedInAsAsync(string username, params string[] roles) => SignedInAsAsync(this, username, roles);

    /// <summary>The same for an account that sees only <paramref name="districts"/>.</summary>
    public Task<HttpClient> SignedInAsAsync(string username, DistrictScope districts, params string[] roles) =>
        SignedInAsAsync(this, username, districts, roles);

    /// <summary>The same on <paramref name="host"/>, e.g. a host derived with other settings.</summary>
    public static Task<HttpClient> SignedInAsAsync(WebApplicationFactory<Program> host, string username, params string[] roles) =>
        SignedInAsAsync(host, username, DistrictScope.City, roles);

    public static async Task<HttpClient> SignedInAsAsync(WebApplicationFactory<Program> host, string username, DistrictScope districts, params string[] roles)
    {
        const string password = "correct-horse-battery";
        host.Services.GetRequiredService<UserStore>().Save(username, password, roles, districts);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var document = new HtmlParser().ParseDocument(html);
        var input = document.QuerySelector("input[name=__RequestVerificationToken]");
        Assert.NotNull(input);
        return input.GetAttribute("value")!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _warehouse.Delete();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
