using System.Text.Json;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Sources;
using Analytics.TestSupport;
using Analytics.Warehouse;

namespace Analytics.Reports.Tests;

/// <summary>
/// A small demo warehouse (2024Q3–2024Q4, default seed) loaded through the real loader, then, as an operator would,
/// `./analytics score --format json` for 松江区 2024Q4 and `./analytics report` of 松江区 2024Q4 (its briefing and its
/// 17 towns' scorecards) into a folder. The tests read those files back with poppler-utils.
/// </summary>
public sealed class BriefingFixture : IDisposable
{
    public const string Period = "2024Q4";
    public const string RubricId = "songjiang-2024";
    public const string DistrictCode = "310117";

    private readonly DemoWarehouse _demo;

    public BriefingFixture()
    {
        _demo = DemoWarehouse.Create("reports-tests", new Quarter(2024, 3), new Quarter(2024, 4), new string('c', 64));
        Warehouse = _demo.Warehouse;
        using (var connection = Warehouse.Connect())
        {
            IndicatorEngine.Refresh(connection);
        }

        var score = Tools.Analytics("score", "--db", DatabasePath, "--rubric", RubricId, "--period", Period, "--format", "json");
        Assert.True(score.ExitCode == 0, score.Error);
        Score = JsonDocument.Parse(score.Output);

        Folder = Path.Combine(Root, "briefings");
        Report = Tools.Analytics("report", "--db", DatabasePath, "--period", Period, "--district", "松江区", "--out", Folder);
        Assert.True(Report.ExitCode == 0, Report.Error + Report.Output);
    }

    public string Root => _demo.Root;

    public string DatabasePath => _demo.DatabasePath;

    public string DropFolder => _demo.DropFolder;
    public string Folder { get; }

    public WarehouseDatabase Warehouse { get; }

    /// <summary>`./analytics score --format json` of 松江区 2024Q4.</summary>
    public JsonDocument Score { get; }

    /// <summary>The run of `./analytics report`.</summary>
    public Tools.Result Report { get; }

    /// <summary>
    /// The towns of the score command in rank order (rank, name, total, maximum, grade label, reachable range, pending
    /// items); the district row excluded. The fixture records no judgements, so every town is provisional: 等级待定.
    /// </summary>
    public IReadOnlyList<(int Rank, string Town, decimal Total, decimal Maximum, string Grade, decimal Lowest, decimal Highest, int Pending)> ScoredTowns =>
        Score.RootElement.GetProperty("towns").EnumerateArray()
            .Where(t => t.GetProperty("level").GetString() == "town")
            .Select(t => (t.GetProperty("rank").GetInt32(), t.GetProperty("town").GetString()!, t.GetProperty("total").GetDecimal(),
                t.GetProperty("maximum").GetDecimal(), t.GetProperty("gradeLabel").GetString()!, t.GetProperty("lowestTotal").GetDecimal(),
                t.GetProperty("highestTotal").GetDecimal(), t.GetProperty("pendingCount").GetInt32()))
            .ToList();

    public string DistrictBriefing => Path.Combine(Folder, Period, $"{DistrictCode}-松江区", $"松江区{Period}简报.pdf");

    public string Scorecard(string town) =>
        Directory.GetFiles(Path.Combine(Folder, Period, $"{DistrictCode}-松江区"), $"*-{town}{Period}成绩单.pdf").Single();

    public void Dispose()
    {
        Score.Dispose();
        _demo.Delete();
    }
}

[CollectionDefinition(Name)]
public sealed class BriefingCollection : ICollectionFixture<BriefingFixture>
{
    public const string Name = "briefings";
}
