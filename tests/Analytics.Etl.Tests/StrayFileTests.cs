using Analytics.Etl.Loading;
using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>Files and folders of a drop that no load reads are named as warnings in the result and the run log.</summary>
[Collection(EtlCollection.Name)]
public sealed class StrayFileTests(DemoDropFixture drop) : IDisposable
{
    private readonly TestBed _bed = new TestBed(drop).Copy("verification", "2024Q3");

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void A_clean_drop_has_no_warnings()
    {
        var result = _bed.LoadDemo("verification", "2024Q3");

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Unknown_files_and_folders_are_warned_about_and_the_catalog_files_load()
    {
        File.WriteAllText(_bed.PathOf("verification/2024Q3/notes.csv"), "a,b\n1,2\n");
        Directory.CreateDirectory(_bed.PathOf("verification/2024Q5"));
        Directory.CreateDirectory(_bed.PathOf("misc"));

        var result = _bed.Load("verification", "2024Q3");

        string[] expected =
        [
            "未识别的目录 misc，未装载",
            "目录 verification/2024Q5 不是季度目录（应如 2024Q3），未装载",
            "未识别的文件 verification/2024Q3/notes.csv，未装载",
        ];
        Assert.Equal(expected, result.Warnings);
        Assert.Equal(expected, RunLog.WarningsIn(_bed.Text($"SELECT message FROM etl_run WHERE run_id = {result.RunId}")));
        Assert.Equal(_bed.FeedRows("verification", "2024Q3"), result.RowsLoaded);
    }
}
