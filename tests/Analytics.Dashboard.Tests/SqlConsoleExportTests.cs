using System.Net;
using System.Text.Json;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Sql;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The SQL console's schema browser, Parquet export (read back with read_parquet) and per-user query history with re-runs.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SqlConsoleExportTests(DashboardFixture fixture)
{
    private const string RegionSql = "SELECT town_key, district_code, town_name FROM dim_region ORDER BY town_key";

    [Fact]
    public async Task The_schema_browser_lists_fact_tables_and_no_app_table()
    {
        var client = await fixture.SignedInAsAsync("sql-schema", Roles.Analyst);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/analyst/sql"));
        var tables = document.QuerySelectorAll("#sql-schema details.table > summary").Select(s => s.TextContent).ToList();
        Assert.Contains("fact_assistance_recipients", tables);
        Assert.Contains("fact_verification_requests", tables);
        Assert.Contains("dim_region", tables);
        Assert.DoesNotContain(tables, t => t.StartsWith("app.", StringComparison.Ordinal) || t is "users" or "audit_log" or "warehouse_meta");
        var columns = document.QuerySelectorAll("#sql-schema details.table").Single(d => d.QuerySelector("summary")!.TextContent == "dim_region")
            .QuerySelectorAll("li code").Select(c => c.TextContent).ToList();
        Assert.Contains("town_key", columns);
        Assert.Contains("town_name", columns);
    }

    [Fact]
    public async Task A_parquet_export_reads_back_with_the_same_rows_as_the_csv_and_is_audited()
    {
        var client = await fixture.SignedInAsAsync("sql-parquet", Roles.Analyst);
        var parquet = await ExportAsync(client, RegionSql, "parquet");
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        Assert.Equal(ParquetExport.ContentType, parquet.Content.Headers.ContentType?.MediaType);
        var csv = await ExportAsync(client, RegionSql, "csv");
        var expected = Downloads.Csv(await csv.Content.ReadAsByteArrayAsync());

        var file = Path.Combine(fixture.Root, $"export-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(file, await parquet.Content.ReadAsByteArrayAsync());
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT town_key::VARCHAR, district_code, town_name FROM read_parquet('{file}')";
        using var reader = command.ExecuteReader();
        var rows = new List<List<string>> { new() { "town_key", "district_code", "town_name" } };
        while (reader.Read())
        {
            rows.Add([reader.GetString(0), reader.GetString(1), reader.GetString(2)]);
        }

        Assert.True(rows.Count > 40);
        Assert.Equal(expected, rows);

        var audit = fixture.Services.GetRequiredService<AuditLog>().Recent(20)
            .First(e => e.User == "sql-parquet" && e.Action == SqlSandbox.ExportAuditAction && e.Detail!.Contains("parquet", StringComparison.Ordinal));
        var detail = JsonDocument.Parse(audit.Detail!).RootElement;
        Assert.Equal(RegionSql, detail.GetProperty("Sql").GetString());
        Assert.Equal(rows.Count - 1, detail.GetProperty("Rows").GetInt64());
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "file system operations are disabled by configuration")]
    [InlineData("SELECT * FROM read_text('/etc/hostname')", "file system operations are disabled by configuration")]
    [InlineData("SELECT 1; SELECT 2", "每次只能执行一条语句")]
    [InlineData("SELECT * FROM app.users", "app")]
    public async Task A_parquet_export_cannot_reach_files_or_the_app_tables(string sql, string expected)
    {
        var client = await fixture.SignedInAsAsync("sql-parquet-escape", Roles.Analyst);
        var response = await ExportAsync(client, sql, "parquet");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_shows_the_users_own_queries_only_and_re_runs_them()
    {
        var alice = await fixture.SignedInAsAsync("sql-history-alice", Roles.Analyst);
        var bob = await fixture.SignedInAsAsync("sql-history-bob", Roles.Analyst);
        await SqlConsolePage.RunAsync(alice, "SELECT 'alice-marker' AS who");
        await SqlConsolePage.RunAsync(bob, "SELECT 'bob-marker' AS who");

        var page = new HtmlParser().ParseDocument(await alice.GetStringAsync("/analyst/sql"));
        var history = page.QuerySelectorAll("#sql-history li pre").Select(p => p.TextContent).ToList();
        Assert.Equal(["SELECT 'alice-marker' AS who"], history);

        var rerun = page.QuerySelector("#sql-history li form.rerun")!;
        var fields = rerun.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var response = await alice.PostAsync(rerun.GetAttribute("action"), new FormUrlEncodedContent(fields));
        var result = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(["alice-marker"], result.QuerySelectorAll("#sql-result tbody td").Select(td => td.TextContent).ToList());
        Assert.Equal(2, result.QuerySelectorAll("#sql-history li").Length);
    }

    private static async Task<HttpResponseMessage> ExportAsync(HttpClient client, string sql, string format)
    {
        var token = await DashboardFixture.AntiforgeryTokenAsync(client, "/analyst/sql");
        return await client.PostAsync("/analyst/sql/export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sql"] = sql, ["format"] = format, ["__RequestVerificationToken"] = token,
        }));
    }
}
