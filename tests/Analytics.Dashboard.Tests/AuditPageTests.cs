using Analytics.DuckDb;
using Analytics.Dashboard.Data;
using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The audit log shows Chinese as Chinese (also in entries written escaped before) and filters by user, action and date.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AuditPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task An_escaped_json_detail_reads_as_Chinese_on_the_page_and_in_the_download()
    {
        Insert(new DateTime(2024, 5, 6, 7, 8, 9), "audit-escaped", "sql.query", """{"Sql":"SELECT '\u8857\u9547'","Rows":1}""");
        var admin = await fixture.AdminAsync();

        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/audit?user=audit-escaped"));
        var row = Assert.Single(page.QuerySelectorAll("table.audit tbody tr"));
        Assert.Equal("""{"Sql":"SELECT '街镇'","Rows":1}""", row.QuerySelector("td.msg")!.TextContent);
        var csv = await admin.GetStringAsync("/api/admin/audit?format=csv&user=audit-escaped");
        Assert.Contains("""SELECT '街镇'""", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u8857", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_filters_select_by_user_action_and_an_inclusive_range_of_Beijing_dates_shown_in_Beijing_time()
    {
        // Stored in UTC; Beijing 2024-03-01 00:00 is 2024-02-29 16:00 UTC and Beijing 2024-03-02 23:59:59 is 15:59:59 UTC.
        Insert(new DateTime(2024, 2, 29, 15, 59, 59), "audit-filter", "login", "before");
        Insert(new DateTime(2024, 2, 29, 16, 0, 0), "audit-filter", "login", "a");
        Insert(new DateTime(2024, 3, 2, 15, 59, 59), "audit-filter", "login", "b");
        Insert(new DateTime(2024, 3, 2, 16, 0, 0), "audit-filter", "login", "c");
        Insert(new DateTime(2024, 3, 2, 4, 0, 0), "audit-filter", "logout", "d");
        Insert(new DateTime(2024, 3, 2, 4, 0, 0), "audit-other", "login", "e");
        var admin = await fixture.AdminAsync();

        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/audit?user=audit-filter&action=login&from=2024-03-01&to=2024-03-02"));

        Assert.Equal(["b", "a"], page.QuerySelectorAll("table.audit tbody td.msg").Select(td => td.TextContent).ToList());
        Assert.Equal(["2024-03-02 23:59:59", "2024-03-01 00:00:00"],
            page.QuerySelectorAll("table.audit tbody tr").Select(tr => tr.QuerySelector("td")!.TextContent).ToList());
        Assert.Equal("时间（北京时间）", page.QuerySelector("table.audit thead th")!.TextContent);
        Assert.Equal("login", page.QuerySelector("select[name=action] option[selected]")!.GetAttribute("value"));
        Assert.Equal("/api/admin/audit?user=audit-filter&action=login&from=2024-03-01&to=2024-03-02&format=csv",
            page.QuerySelector("a[download]")!.GetAttribute("href"));
    }

    [Fact]
    public void A_detail_written_now_keeps_its_Chinese_unescaped()
    {
        var audit = fixture.Services.GetRequiredService<AuditLog>();
        audit.Record("audit-writer", "judgement.set", System.Text.Json.JsonSerializer.Serialize(new { reason = "材料齐全" }, AuditLog.DetailJson));

        var entry = Assert.Single(audit.Search(new AuditFilter(User: "audit-writer")));
        Assert.Equal("""{"reason":"材料齐全"}""", entry.Detail);
    }

    private void Insert(DateTime at, string user, string action, string detail)
    {
        using var connection = fixture.Services.GetRequiredService<AppDatabase>().Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO app.audit_log VALUES ($1, $2, $3, $4)";
        command.Parameters.AddValue(at);
        command.Parameters.AddValue(user);
        command.Parameters.AddValue(action);
        command.Parameters.AddValue(detail);
        command.ExecuteNonQuery();
    }
}
