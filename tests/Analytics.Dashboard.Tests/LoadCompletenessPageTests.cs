using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The admin page's 装载完整性 section: per district, feed and quarter the rows loaded, and the 街镇 without a ledger.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LoadCompletenessPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_admin_page_shows_each_districts_loaded_rows_per_feed_and_quarter()
    {
        var admin = await fixture.AdminAsync();

        var html = await admin.GetStringAsync("/admin");

        Assert.Contains("装载完整性", html);
        // Counted here table by table: the recipients, payments and case events 松江区 has in 2024Q3.
        long rows;
        using (var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT " + string.Join(" + ", new[] { "fact_assistance_recipients", "fact_assistance_payments", "fact_assistance_case_events" }
                .Select(t => $"(SELECT count(*) FROM {t} WHERE district_code = '310117' AND quarter_key = 20243)"));
            rows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        Assert.True(rows > 0);
        // The component's scoped-style attribute may follow data-cell.
        Assert.Matches($"data-cell=\"310117/assistance/2024Q3\"[^>]*>{Regex.Escape(rows.ToString("N0", CultureInfo.InvariantCulture))}</td>", html);
        Assert.Contains("缺台账的街镇", html);
    }
}
