using System.Net;
using System.Text.Json;
using Analytics.DemoData;
using Analytics.Sources;
using Analytics.Warehouse;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>Demo mode on a new demo drop (as ./run generates it): the host loads it through the scheduler, then reports ready.</summary>
public sealed class DemoBootstrapperTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "analytics-dashboard-demo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task First_start_loads_the_demo_drop_then_is_ready()
    {
        new DemoDataGenerator().Generate(new DemoOptions(Path.Combine(_root, "demo-drop"), DemoOptions.DefaultSeed, Quarter.Parse("2024Q4"), Quarter.Parse("2024Q4")));
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Analytics:DatabasePath", Path.Combine(_root, "demo.duckdb"));
            builder.UseSetting("Analytics:SourceFolder", Path.Combine(_root, "demo-drop"));
            builder.UseSetting("Analytics:DemoMode", "true");
            builder.UseSetting("Analytics:PseudonymKey", DashboardFixture.KeyHex);
            builder.UseSetting("Analytics:AdminPassword", DashboardFixture.AdminPassword);
        });
        var client = factory.CreateClient();
        var states = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        HttpResponseMessage health;
        do
        {
            health = await client.GetAsync("/healthz");
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            states.Add(json.RootElement.GetProperty("data").GetString()!);
            if (health.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("loading", json.RootElement.GetProperty("status").GetString());
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var connection = factory.Services.GetRequiredService<WarehouseDatabase>().Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(DISTINCT feed) FROM etl_run WHERE status = 'succeeded' AND quarter_key = 20244 AND trigger = 'operator'";
            Assert.Equal(6L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }

        var home = await client.GetStringAsync("/");
        Assert.Contains("2024Q4", home);
        Assert.DoesNotContain("数据正在装载", home);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp clean-up.
        }
    }
}
