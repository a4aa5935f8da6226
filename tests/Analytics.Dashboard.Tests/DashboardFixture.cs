using System.Net;
using Analytics.DemoData;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// One host for all tests: a temporary warehouse loaded once (before the host starts) with a small generated demo
/// drop (2024Q3–2024Q4) through <see cref="SourceQuarterLoader"/>, demo mode off, and a known admin password.
/// </summary>
public sealed class DashboardFixture : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-Passw0rd!";
    public const string KeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    public static readonly Quarter[] Quarters = [new(2024, 3), new(2024, 4)];

    public DashboardFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "analytics-dashboard-tests-" + Guid.NewGuid().ToString("N"));
        DropFolder = Path.Combine(Root, "drop");
        DatabasePath = Path.Combine(Root, "warehouse.duckdb");
        new DemoDataGenerator().Generate(new DemoOptions(DropFolder, DemoOptions.DefaultSeed, Quarters[0], Quarters[^1]));
        var warehouse = WarehouseDatabase.Open(DatabasePath);
        var loader = new SourceQuarterLoader(warehouse, PseudonymKey.FromText(KeyHex, "tests"));
        var source = new FileDropSource(DropFolder);
        foreach (var feed in SourceCatalog.Feeds)
        {
            foreach (var quarter in source.QuartersOf(feed))
            {
                loader.Load(source, feed, quarter, "test");
            }
        }
    }

    public string Root { get; }

    public string DropFolder { get; }

    public string DatabasePath { get; }

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
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the login form (with its antiforgery token) and returns the client holding the cookie.</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string username, string password)
    {
        var client = Anonymous();
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = password,
            ["returnUrl"] = "/",
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
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // The database may still be held by a pooled instance; the temp folder is cleaned by the OS.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
