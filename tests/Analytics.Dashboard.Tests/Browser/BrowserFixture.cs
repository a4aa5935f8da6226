using DuckDB.NET.Data;
using Analytics.Dashboard.Configuration;
using Analytics.Dashboard.Data;
using Analytics.Dashboard.Launcher;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.Browser;
using Analytics.Reports.Generation;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// The real host process (what <c>./run</c> starts) on a free loopback port over its own <see cref="DemoWarehouse"/>,
/// with a leader, two analysts and an evaluator account, and Debian's Chromium through the shared <see cref="ChromiumBrowser"/>.
/// What the pages must show is computed from the warehouse before the host opens (and locks) the file; one 青浦 town
/// scorecard of <see cref="Period"/> is generated and then judged again, so the briefings page has one to regenerate.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Password = "browser-Passw0rd!";
    public const string Leader = "leader-browser";
    public const string Analyst = "analyst-browser";

    /// <summary>A second analyst, who opens the queries <see cref="Analyst"/> shares.</summary>
    public const string Colleague = "analyst-colleague";
    public const string Evaluator = "evaluator-browser";

    /// <summary>青浦: its town scorecard is generated before the host starts, then a judgement makes it stale.</summary>
    public const string StaleDistrictCode = "310118";

    /// <summary>松江, the district with the most 街镇: its public page and its rubric in the fixture's last quarter.</summary>
    public const string DistrictCode = "310117";
    public const string RubricId = "songjiang-2024";
    public const string Period = "2024Q4";

    /// <summary>An earlier quarter of <see cref="RubricId"/> that no browser test judges: the enhanced-navigation test switches to it.</summary>
    public const string EarlierPeriod = "2024Q2";

    /// <summary>A quarter of <see cref="RubricId"/> that only the streaming test opens, so its scorecard is computed then.</summary>
    public const string FirstQuarter = "2024Q1";

    /// <summary>The fact table the SQL console test counts.</summary>
    public const string FactTable = "fact_assistance_payments";

    private DemoWarehouse? _warehouse;
    private DashboardProcess? _host;
    private ChromiumBrowser? _browser;

    public DashboardProcess Host => _host ?? throw new InvalidOperationException("the host is not started");

    /// <summary>The warehouse file the host serves (and holds open while it runs).</summary>
    public string DatabasePath => _warehouse?.DatabasePath ?? throw new InvalidOperationException("the warehouse is not made");

    /// <summary>The scorer's own result for <see cref="RubricId"/> and <see cref="Period"/>.</summary>
    public DistrictScore ExpectedScore { get; private set; } = null!;

    /// <summary>The scorer's own result for <see cref="RubricId"/> and <see cref="EarlierPeriod"/>.</summary>
    public DistrictScore ExpectedEarlierScore { get; private set; } = null!;

    /// <summary>The scorer's own result for <see cref="RubricId"/> and <see cref="FirstQuarter"/>.</summary>
    public DistrictScore ExpectedFirstQuarterScore { get; private set; } = null!;

    /// <summary>The current 街镇 of <see cref="DistrictCode"/> in dim_region.</summary>
    public int ExpectedTowns { get; private set; }

    /// <summary><c>count(*)</c> of <see cref="FactTable"/>, read directly with DuckDB.</summary>
    public long ExpectedFactRows { get; private set; }

    /// <summary>
    /// Active (正常) registered organisations per district at <see cref="Period"/>, read directly with DuckDB, most first
    /// (ties by name): the console's chart test draws them.
    /// </summary>
    public IReadOnlyList<(string District, long Organisations)> ExpectedOrganisations { get; private set; } = [];

    /// <summary>The 青浦 town whose scorecard was generated and then judged again (需重新生成).</summary>
    public string StaleTownName { get; private set; } = "";

    public static string ScreenshotFolder { get; } =
        Path.Combine(DashboardProcess.RepositoryRoot(), "artifacts", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        _warehouse = DashboardFixture.CreateDemo("analytics-browser-tests");
        _browser = new ChromiumBrowser();
        await PrepareAsync(_warehouse.DatabasePath);
        _host = DashboardProcess.Start(new Dictionary<string, string>
        {
            ["Analytics__DatabasePath"] = _warehouse.DatabasePath,
            ["Analytics__SourceFolder"] = _warehouse.DropFolder,
            ["Analytics__DemoMode"] = "false",
            ["Analytics__PseudonymKey"] = DashboardFixture.KeyHex,
            [AnalyticsOptions.AdminPasswordVariable] = Password,
            ["Analytics__LoginRequestsPerMinute"] = "10000",
            ["Analytics__PublicApiRequestsPerMinute"] = "10000",
        });
        await _host.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A page of a fresh browser context (no cookies) at <paramref name="width"/> × <paramref name="height"/>.</summary>
    public async Task<BrowserSession> OpenAsync(int width = 1366, int height = 900)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            // Charts drawn without animation, so a click lands on a bar at its full length.
            ReducedMotion = ReducedMotion.Reduce,
        });
        return await BrowserSession.StartAsync(page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _warehouse?.Delete();
    }

    private async Task PrepareAsync(string databasePath)
    {
        var warehouse = WarehouseDatabase.Open(databasePath);
        // Closed before the host process starts: it opens the state file itself.
        using var app = new AppDatabase(AppDatabase.PathFor(databasePath, null));
        app.EnsureCreated();
        var users = new UserStore(app, TimeProvider.System);
        users.Save(Leader, Password, [Roles.Leader]);
        users.Save(Analyst, Password, [Roles.Analyst]);
        users.Save(Colleague, Password, [Roles.Analyst]);
        users.Save(Evaluator, Password, [Roles.Evaluator]);
        await GenerateStaleBriefingAsync(warehouse, databasePath);

        using var connection = warehouse.Connect();
        IndicatorEngine.Refresh(connection);
        var rubric = RubricCatalog.Get(RubricId);
        Assert.Equal(DistrictCode, rubric.District.Code);
        Assert.True(AssessmentPeriod.TryParse(Period, out var period));
        ExpectedScore = new TownScorer(connection).Score(rubric, period, store: false);
        Assert.True(AssessmentPeriod.TryParse(EarlierPeriod, out var earlier));
        ExpectedEarlierScore = new TownScorer(connection).Score(rubric, earlier, store: false);
        Assert.True(AssessmentPeriod.TryParse(FirstQuarter, out var first));
        ExpectedFirstQuarterScore = new TownScorer(connection).Score(rubric, first, store: false);
        ExpectedTowns = (int)Count(connection, $"SELECT count(*) FROM dim_region WHERE district_code = '{rubric.District.Code}' AND valid_to IS NULL");
        ExpectedFactRows = Count(connection, $"SELECT count(*) FROM {FactTable}");
        ExpectedOrganisations = OrganisationsPerDistrict(connection);
    }

    private static List<(string, long)> OrganisationsPerDistrict(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT d.district_name, count(*) AS n
            FROM fact_socialorg_organisations f
            JOIN dim_quarter q ON q.quarter_key = f.quarter_key
            JOIN (SELECT DISTINCT district_code, district_name FROM dim_region WHERE valid_to IS NULL) d ON d.district_code = f.district_code
            WHERE q.label = '{Period}' AND f.status = 'active'
            GROUP BY d.district_name ORDER BY n DESC, d.district_name
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>One 青浦 town scorecard of <see cref="Period"/> in the host's briefing folder, then a judgement of its rubric.</summary>
    private async Task GenerateStaleBriefingAsync(WarehouseDatabase warehouse, string databasePath)
    {
        var rubric = RubricCatalog.Get("qingpu-2024");
        Assert.Equal(StaleDistrictCode, rubric.District.Code);
        Assert.True(AssessmentPeriod.TryParse(Period, out var period));
        using (var connection = warehouse.Connect())
        {
            IndicatorEngine.Refresh(connection);
            var town = new RubricInputBuilder(connection).Units(rubric.District.Code, AssessmentPeriod.ForYear(2024)).First(u => !u.IsDistrict);
            StaleTownName = town.Name;
        }

        var folder = Path.Combine(Path.GetDirectoryName(databasePath)!, "briefings");
        await new BriefingGenerator(warehouse, _browser!, new BriefingOptions { Folder = folder })
            .GenerateAsync(new BriefingRequest(period, StaleDistrictCode, StaleTownName, "operator"));
        using (var connection = warehouse.Connect())
        {
            var town = new RubricInputBuilder(connection).Units(rubric.District.Code, AssessmentPeriod.ForYear(2024)).First(u => !u.IsDistrict);
            new JudgementStore(connection).Record(rubric, AssessmentPeriod.ForYear(2024), town.Code, "Q01a", 2m, "演示评审员", "简报生成后补录");
        }
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
