using System.Net;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Sql;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// Escape and exhaustion attempts on the analysts' SQL console, as an analyst would type them: writes to the console's own
/// snapshot and its DuckDB side files, path reveals, settings, extensions, the app's tables, huge values and pages. After
/// every attempt the snapshot is untouched, nothing was written, no page shows a path of the host, and another analyst's
/// query still answers. A derived host with a 2 s timeout, 256 MB memory and small byte caps.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ConsoleAttackTests(DashboardFixture fixture)
{
    private const string Refused = "查询台只能读取数据";
    private const string NoFiles = "file system operations are disabled by configuration";
    private static readonly object Gate = new();
    private static WebApplicationFactory<Program>? _host;

    private WebApplicationFactory<Program> Host
    {
        get
        {
            lock (Gate)
            {
                return _host ??= fixture.WithWebHostBuilder(b =>
                {
                    b.UseSetting("Analytics:SqlConsole:TimeoutSeconds", "2");
                    b.UseSetting("Analytics:SqlConsole:MemoryLimit", "256MB");
                    b.UseSetting("Analytics:SqlConsole:MaxCellBytes", "1000");
                    b.UseSetting("Analytics:SqlConsole:MaxPageBytes", "100000");
                    b.UseSetting("Analytics:SqlConsole:MaxExportBytes", "1000000");
                });
            }
        }
    }

    /// <summary>@SNAP is the console's current snapshot file, @DB the warehouse file; null expected: it may run, harmlessly; a|b: either.</summary>
    public static TheoryData<string, string?> Attacks => new()
    {
        { "COPY (SELECT 'owned' x) TO '@SNAP' (FORMAT csv, USE_TMP_FILE false)", Refused },
        { "COPY (SELECT repeat('x', 10000) FROM range(200000)) TO '@SNAP.wal.checkpoint'", Refused },
        { "COPY (SELECT 'owned' x) TO '@SNAP.wal' (FORMAT csv)", Refused },
        { "COPY (SELECT 'owned' x) TO '@SNAP.wal.recovery' (FORMAT csv)", Refused },
        { "COPY (SELECT 'owned' x) TO '/tmp/sql-console-escape.csv'", NoFiles },
        { "COPY dim_region TO '@SNAP' (FORMAT csv)", Refused },
        { "EXPLAIN ANALYZE COPY (SELECT 'owned' x) TO '@SNAP' (FORMAT csv)", "EXPLAIN ANALYZE" },
        { "EXPLAIN ANALYZE SELECT count(*) FROM dim_region", "EXPLAIN ANALYZE" },
        { "EXPORT DATABASE '/tmp/sql-console-escape-export'", NoFiles },
        { "CHECKPOINT", Refused },
        { "FORCE CHECKPOINT", Refused },
        { "SELECT * FROM checkpoint()", null },
        { "ATTACH '@SNAP' AS second", Refused },
        { "ATTACH '@DB' AS w", Refused },
        { "DETACH warehouse", Refused },
        { "CREATE TABLE memory.main.x AS SELECT 1", Refused },
        { "CREATE TABLE x AS SELECT 1", Refused },
        { "INSERT INTO dim_region SELECT * FROM dim_region", Refused },
        { "DELETE FROM dim_region", Refused },
        { "UPDATE dim_region SET town_name = 'owned'", Refused },
        { "DROP TABLE dim_region", Refused },
        { "SET threads = 8", Refused },
        { "SET GLOBAL enable_external_access = true", Refused },
        { "RESET memory_limit", Refused },
        { "PRAGMA memory_limit = '100GB'", Refused },
        { "INSTALL httpfs", Refused },
        { "LOAD httpfs", Refused },
        { "CALL pragma_version(); SET GLOBAL memory_limit = '100GB'", "每次只能执行一条语句" },
        { "SELECT 1; COPY (SELECT 1) TO '/tmp/sql-console-escape2.csv'", "每次只能执行一条语句" },
        // Only a PIVOT's own enum types may precede the query: any other CREATE is rolled back and refused.
        { "CREATE TEMP TABLE t AS SELECT 1; SELECT * FROM t", "每次只能执行一条语句" },
        { "CREATE TABLE memory.main.x AS SELECT 1; SELECT * FROM memory.main.x", "每次只能执行一条语句" },
        { "CREATE MACRO m() AS 1; SELECT m()", "每次只能执行一条语句|attached in read-only mode" },
        { "CREATE TEMP VIEW v AS SELECT 1; SELECT * FROM v", "每次只能执行一条语句" },
        { "CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v'); SELECT 1", "每次只能执行一条语句|Persistent secrets|persistent secrets|does not exist" },
        { "CREATE TEMP TYPE e AS ENUM ('a'); COPY (SELECT 1) TO '/tmp/sql-console-escape2.csv'", Refused + "|" + NoFiles },
        { "CREATE TEMP TYPE e AS ENUM ('a'); SELECT 1; SELECT 2", "每次只能执行一条语句" },
        { "SELECT * FROM query('COPY (SELECT 1) TO ''@SNAP''')", "SELECT" },
        { "SELECT * FROM read_csv('/etc/passwd')", NoFiles },
        { "SELECT * FROM read_blob('@DB')", NoFiles },
        { "SELECT * FROM glob('/*')", NoFiles },
        // Persistent secrets are off in the sandbox, so DuckDB lists its (no) temporary secrets without reading any folder.
        { "SELECT * FROM duckdb_secrets()", null },
        { "SELECT * FROM app.users", "schema \"app\" does not exist" },
        { "SELECT * FROM app.audit_log", "schema \"app\" does not exist" },
        { "SELECT * FROM warehouse_meta", "Table with name warehouse_meta does not exist" },
        { "SELECT path FROM duckdb_databases() WHERE path IS NOT NULL", null },
        { "SELECT * FROM pragma_database_list", null },
        { "PRAGMA database_list", null },
        { "SELECT current_setting('temp_directory') || current_setting('secret_directory') || current_setting('extension_directory') || current_setting('home_directory')", null },
        { "SELECT value FROM duckdb_settings() WHERE name IN ('allowed_paths', 'allowed_directories', 'temp_directory', 'secret_directory')", null },
        { "SELECT * FROM duckdb_extensions()", NoFiles },
        { "SELECT * FROM read_text('relative-file.txt')", NoFiles },
        { "SELECT count(*) FROM range(100000000) a CROSS JOIN range(100000000) b", "Out of Memory Error|已被中断" },
        { "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t", "已被中断" },
        { "SELECT length(string_agg(repeat('x', 100), ',')) FROM range(1000000000)", "Out of Memory Error|已被中断" },
        { "SELECT count(*) FROM (SELECT * FROM range(30000000) ORDER BY random())", "Out of Memory Error|已被中断" },
        
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task An_attack_changes_nothing_reveals_no_path_and_the_console_still_answers(string attack, string? expected)
    {
        var snapshot = Host.Services.GetRequiredService<SqlSnapshot>();
        var snapshotPath = snapshot.EnsureCurrent();
        var generation = snapshot.Generation;
        var before = Fingerprint(snapshotPath);
        var sql = attack.Replace("@SNAP", snapshotPath, StringComparison.Ordinal).Replace("@DB", fixture.DatabasePath, StringComparison.Ordinal);

        var attacker = await DashboardFixture.SignedInAsAsync(Host, "attack-analyst", Roles.Analyst);
        var document = await SqlConsolePage.RunAsync(attacker, sql);
        var error = document.QuerySelector("#sql-error")?.TextContent;
        if (expected is not null)
        {
            Assert.True(error is not null, $"{sql} did not fail: {document.QuerySelector("#sql-status")?.TextContent}");
            // Which limit bites first (memory or time) depends on the machine's load.
            Assert.True(expected.Split('|').Any(e => error.Contains(e, StringComparison.Ordinal)), error);
        }

        AssertNoHostPath(document, snapshot);
        var audit = Host.Services.GetRequiredService<AuditLog>().Recent(50).Where(e => e.User == "attack-analyst" && e.Action == SqlSandbox.AuditAction);
        Assert.Contains(audit, e => e.Detail!.Contains(System.Text.Json.JsonSerializer.Serialize(sql, AuditLog.DetailJson)[1..^1], StringComparison.Ordinal));
        Assert.Equal(before, Fingerprint(snapshotPath));
        Assert.All(SqlSnapshot.Leftovers, suffix => Assert.False(File.Exists(snapshotPath + suffix), suffix));
        Assert.False(File.Exists("/tmp/sql-console-escape.csv"));
        Assert.False(File.Exists("/tmp/sql-console-escape2.csv"));
        Assert.False(Directory.Exists("/tmp/sql-console-escape-export"));

        var other = await DashboardFixture.SignedInAsAsync(Host, "attack-bystander", Roles.Analyst);
        var after = await SqlConsolePage.RunAsync(other, "SELECT count(*) AS n FROM dim_region");
        Assert.Null(after.QuerySelector("#sql-error"));
        Assert.Equal(snapshotPath, snapshot.EnsureCurrent());
        Assert.Equal(generation, snapshot.Generation);
        Assert.Equal(HttpStatusCode.OK, (await Host.CreateClient().GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task A_snapshot_touched_on_disk_is_replaced_before_the_next_query_and_its_leftovers_removed()
    {
        var snapshot = Host.Services.GetRequiredService<SqlSnapshot>();
        var touched = snapshot.EnsureCurrent();
        var generation = snapshot.Generation;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(touched, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(touched, "owned");
        await File.WriteAllTextAsync(touched + ".wal.recovery", "left over");

        var analyst = await DashboardFixture.SignedInAsAsync(Host, "attack-after-touch", Roles.Analyst);
        var document = await SqlConsolePage.RunAsync(analyst, "SELECT count(*) AS n FROM dim_region");
        Assert.Null(document.QuerySelector("#sql-error"));
        Assert.Equal(generation + 1, snapshot.Generation);
        Assert.NotEqual(touched, snapshot.EnsureCurrent());
        Assert.False(File.Exists(touched));
        Assert.False(File.Exists(touched + ".wal.recovery"));
    }

    [Fact]
    public async Task A_huge_cell_is_cut_to_the_cell_cap_with_a_chinese_notice()
    {
        var analyst = await DashboardFixture.SignedInAsAsync(Host, "attack-cell", Roles.Analyst);
        var document = await SqlConsolePage.RunAsync(analyst, "SELECT repeat('x', 20000000) AS big, 'small' AS s");
        Assert.True(document.QuerySelector("#sql-error") is null, document.QuerySelector("#sql-error")?.TextContent);
        var cells = document.QuerySelectorAll("#sql-result tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal(new string('x', 1000) + SqlResultReader.CutMark, cells[0]);
        Assert.Equal("small", cells[1]);
        Assert.Equal("1 个单元格超过 1,000 字节 的单元格上限，只显示开头（以 … 标出）。", document.QuerySelector("#sql-notice")!.TextContent);
    }

    [Fact]
    public async Task A_page_stops_at_the_page_byte_cap_and_still_counts_every_row()
    {
        var analyst = await DashboardFixture.SignedInAsAsync(Host, "attack-page", Roles.Analyst);
        var document = await SqlConsolePage.RunAsync(analyst, "SELECT repeat('y', 1000) AS v FROM range(500)");
        Assert.Null(document.QuerySelector("#sql-error"));
        // 100,000 bytes hold exactly 100 rows of 1,000 bytes.
        Assert.Equal(100, document.QuerySelectorAll("#sql-result tbody tr").Length);
        Assert.StartsWith("共 500 行，仅显示前 100 行", document.QuerySelector("#sql-status")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("页面最多显示 100,000 字节 的数据", document.QuerySelector("#sql-notice")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task An_export_past_the_byte_cap_fails_with_a_chinese_message(string format)
    {
        var analyst = await DashboardFixture.SignedInAsAsync(Host, "attack-export-" + format, Roles.Analyst);
        var response = await ExportAsync(analyst, "SELECT md5(range::VARCHAR) AS v FROM range(100000)", format);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "导出超过 1,000,000 字节 的上限，未生成文件。请减少行、列或长文本后再导出（export larger than the cap）。",
            await response.Content.ReadAsStringAsync());
        var small = await ExportAsync(analyst, "SELECT 1 AS n", format);
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Theory]
    [InlineData("SELECT 1) TO '@SNAP' (FORMAT csv) --", "syntax error")]
    [InlineData("COPY (SELECT 1) TO '@SNAP'", Refused)]
    [InlineData("EXPLAIN SELECT 1", "导出只接受查询语句")]
    [InlineData("SELECT 1; SELECT 2", "每次只能执行一条语句")]
    public async Task A_parquet_export_cannot_be_turned_into_another_statement(string attack, string expected)
    {
        var snapshot = Host.Services.GetRequiredService<SqlSnapshot>();
        var snapshotPath = snapshot.EnsureCurrent();
        var before = Fingerprint(snapshotPath);
        var analyst = await DashboardFixture.SignedInAsAsync(Host, "attack-parquet", Roles.Analyst);
        var response = await ExportAsync(analyst, attack.Replace("@SNAP", snapshotPath, StringComparison.Ordinal), "parquet");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.DoesNotContain(snapshot.Folder, body, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(snapshotPath));
    }

    [Fact]
    public async Task Exports_are_bounded_per_user_and_in_total_with_429_and_retry_after()
    {
        var slots = Host.Services.GetRequiredService<ExportSlots>();
        var analyst = await DashboardFixture.SignedInAsAsync(Host, "attack-busy", Roles.Analyst);
        using (slots.TryEnter("attack-busy", out _))
        {
            var response = await ExportAsync(analyst, "SELECT 1", "csv");
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("您已有 1 个导出正在进行（每位用户同时最多 1 个），请等它完成后再试。", await response.Content.ReadAsStringAsync());
            Assert.NotNull(response.Headers.RetryAfter);
        }

        using (slots.TryEnter("attack-other-1", out _))
        using (slots.TryEnter("attack-other-2", out _))
        {
            var response = await ExportAsync(analyst, "SELECT 1", "parquet");
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("系统同时最多进行 2 个导出，目前已满，请稍后再试。", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await ExportAsync(analyst, "SELECT 1", "csv")).StatusCode);
    }

    private void AssertNoHostPath(IHtmlDocument document, SqlSnapshot snapshot)
    {
        var shown = string.Join("\n", new[] { "#sql-error", "#sql-result", "#sql-notice", "#sql-status" }
            .Select(selector => document.QuerySelector(selector)?.TextContent ?? ""));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var path in new[] { snapshot.Folder, "analytics-sql-console", fixture.Root, fixture.DatabasePath, home + "/", Environment.CurrentDirectory })
        {
            Assert.DoesNotContain(path, shown, StringComparison.Ordinal);
        }
    }

    private static string Fingerprint(string path)
    {
        var info = new FileInfo(path);
        return $"{info.Length}:{info.LastWriteTimeUtc.Ticks}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))}";
    }

    private static async Task<HttpResponseMessage> ExportAsync(HttpClient client, string sql, string format)
    {
        var html = await client.GetStringAsync("/analyst/sql");
        var token = new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync("/analyst/sql/export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sql"] = sql, ["format"] = format, ["__RequestVerificationToken"] = token,
        }));
    }
}
