using System.Net;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SchedulerTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Jobs_page_lists_every_feed_with_its_next_fire_time()
    {
        var admin = await fixture.AdminAsync();
        var html = await admin.GetStringAsync("/admin/jobs");
        foreach (var feed in new[] { "assistance", "verification", "eldercare", "socialorg", "reference", "ledger" })
        {
            Assert.Contains($"load-{feed}", html);
        }

        Assert.Contains("立即运行", html);
    }

    [Fact]
    public async Task Run_now_triggers_a_load_that_is_logged_in_etl_run()
    {
        var warehouse = fixture.Services.GetRequiredService<WarehouseDatabase>();
        var before = OperatorRuns(warehouse);
        var admin = await fixture.AdminAsync();
        var token = await DashboardFixture.AntiforgeryTokenAsync(admin, "/admin/jobs");
        var response = await admin.PostAsync("/admin/jobs/run", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["feed"] = "reference",
            ["quarter"] = "2024Q4",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/jobs?triggered=reference", response.Headers.Location!.OriginalString);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (OperatorRuns(warehouse) == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(before + 1, OperatorRuns(warehouse));
        Assert.Contains("operator", await admin.GetStringAsync("/admin/runs"));
    }

    private static long OperatorRuns(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM etl_run WHERE trigger = 'operator' AND feed = 'reference' AND quarter_key = 20244 AND status = 'succeeded'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
