using System.Net;
using System.Text.Json;
using Analytics.Warehouse;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>Demo mode on an empty folder: the host generates the drop, loads it through the scheduler, then reports ready.</summary>
public sealed class DemoBootstrapperTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "analytics-dashboard-demo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task First_start_generates_and_loads_the_demo_then_is_ready()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Analytics:DatabasePath", Path.Combine(_root, "demo.duckdb"));
            builder.UseSetting("Analytics:SourceFolder", Path.Combine(_root, "demo-drop"));
            builder.UseSetting("Analytics:DemoMode", "true");
            builder.UseSetting("Analytics:DemoFrom", "2024Q4");
            builder.UseSetting("Analytics:DemoTo", "2024Q4");
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
        Assert.True(File.Exists(Path.Combine(_root, "demo-drop", "manifest.json")));
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
