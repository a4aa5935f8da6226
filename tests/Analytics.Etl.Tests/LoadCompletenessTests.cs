using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>The completeness report `etl status` and the admin page share: every district × feed × quarter in the loaded range.</summary>
[Collection(EtlCollection.Name)]
public sealed class LoadCompletenessTests(DemoDropFixture drop) : IDisposable
{
    private const string Putuo = "310107";
    private readonly TestBed _bed = new TestBed(drop).Copy("verification", "2024Q3");

    public void Dispose() => _bed.Dispose();

    /// <summary>Data rows of the drop's file that belong to the district (the district code is the second column).</summary>
    private long FileRows(string relative, string district) => _bed.Lines(relative).Skip(1).Count(l => l.Split(',')[1] == district);

    [Fact]
    public void A_district_without_rows_in_a_loaded_feed_quarter_is_missing_and_quarters_without_a_load_are_not_loaded()
    {
        foreach (var file in new[] { "verification/2024Q3/requests.csv", "verification/2024Q3/verifiers.csv" })
        {
            var lines = _bed.Lines(file);
            _bed.WriteLines(file, lines.Take(1).Concat(lines.Skip(1).Where(l => l.Split(',')[1] != Putuo)));
        }

        _bed.Load("verification", "2024Q3");
        _bed.LoadDemo("verification", "2024Q1");
        LoadCompletenessReport report;
        using (var connection = _bed.Warehouse.Connect())
        {
            report = LoadCompleteness.Read(connection);
        }

        Assert.Equal([20241, 20242, 20243], report.Quarters);
        var cells = report.Cells.ToDictionary(c => (c.DistrictCode, c.Feed, c.QuarterKey));
        Assert.Equal(4 * Analytics.Sources.Catalog.SourceCatalog.Feeds.Count * 3, cells.Count);
        Assert.Equal(("普陀区", "缺"), (cells[(Putuo, "verification", 20243)].DistrictName, cells[(Putuo, "verification", 20243)].State));
        Assert.Equal(FileRows("verification/2024Q3/requests.csv", "310117") + FileRows("verification/2024Q3/verifiers.csv", "310117"),
            cells[("310117", "verification", 20243)].Rows);
        Assert.Equal("未装载", cells[("310117", "verification", 20242)].State);
        Assert.Equal("未装载", cells[("310117", "assistance", 20241)].State);
        Assert.Equal([(Putuo, "verification", 20243)], report.Cells.Where(c => c.State == "缺").Select(c => (c.DistrictCode, c.Feed, c.QuarterKey)));

        var status = CommandLine.WithoutSpaces(CommandLine.Run("etl", "status", "--db", _bed.DatabasePath).Output);
        Assert.Contains("缺数据verification2024Q3：普陀区", status);
        Assert.Contains("未装载verification：2024Q2", status);
    }
}
