using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>Feed files saved by Chinese Excel (GB18030) load like UTF-8 ones, with the Chinese text intact.</summary>
[Collection(EtlCollection.Name)]
public sealed class EncodingTests(DemoDropFixture drop) : IDisposable
{
    private const string Institutions = "eldercare/2024Q3/institutions.csv";
    private readonly TestBed _bed = new TestBed(drop).Copy("eldercare", "2024Q3");

    public void Dispose() => _bed.Dispose();

    private long EldercareRows => _bed.FeedRows("eldercare", "2024Q3");

    private void SaveAsGb18030(string relative)
    {
        var text = File.ReadAllText(_bed.PathOf(relative), TestBed.Utf8);
        File.WriteAllText(_bed.PathOf(relative), text, CodePages.Gb18030);
        Assert.NotEqual(File.ReadAllBytes(_bed.OriginalPathOf(relative)), File.ReadAllBytes(_bed.PathOf(relative)));
    }

    [Fact]
    public void A_gb18030_feed_file_loads_with_its_chinese_text_intact()
    {
        var expected = _bed.Lines(Institutions).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => (Town: f[2], Name: f[3]));
        SaveAsGb18030(Institutions);

        var result = _bed.Load("eldercare", "2024Q3");

        Assert.Equal((EldercareRows, EldercareRows, 0L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        var loaded = _bed.Query("SELECT f.institution_id, d.town_name, f.name FROM fact_eldercare_institutions f JOIN dim_region d USING (town_key)",
            r => (Id: r.GetString(0), Town: r.GetString(1), Name: r.GetString(2))).ToDictionary(r => r.Id, r => (r.Town, r.Name));
        Assert.Equal(expected.Count, loaded.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, loaded[e.Key]));
        Assert.Contains(loaded.Values, v => v.Name.Any(c => c >= '\u4e00'));
    }

    [Fact]
    public void A_bad_value_in_a_gb18030_file_is_quarantined_with_its_data_row()
    {
        _bed.SetCell(Institutions, 9, "beds_nursing", "-2");
        _bed.SetCell(Institutions, 12, "town_name", "火星镇");
        var district = _bed.Cell(Institutions, 12, "district_code");
        SaveAsGb18030(Institutions);

        var result = _bed.Load("eldercare", "2024Q3");

        Assert.Equal((EldercareRows, EldercareRows - 2, 2L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        var rows = _bed.Quarantine().Select(q => (q.File, q.Row, q.Field, q.Reason)).ToList();
        Assert.Equal(
        [
            (Institutions, 9L, "beds_nursing", "护理型床位(beds_nursing)：-2 不能为负数"),
            (Institutions, 12L, "town_name", $"街镇(town_name)：区划 {district} 下没有街镇「火星镇」"),
        ], rows);
    }

    [Fact]
    public void A_truncated_gb18030_file_quarantines_the_partial_last_row_and_loads_the_rest()
    {
        var text = File.ReadAllText(_bed.PathOf(Institutions), TestBed.Utf8).TrimEnd('\n');
        var lastLineStart = text.LastIndexOf('\n') + 1;
        var cut = text.IndexOf(',', text.IndexOf(',', lastLineStart) + 1) + 2; // inside the town name
        File.WriteAllText(_bed.PathOf(Institutions), text[..cut], CodePages.Gb18030);
        var lastRow = _bed.Lines(Institutions).Count - 1;

        var result = _bed.Load("eldercare", "2024Q3");

        Assert.Equal((EldercareRows, EldercareRows - 1, 1L), (result.RowsRead, result.RowsLoaded, result.RowsQuarantined));
        var row = Assert.Single(_bed.Quarantine());
        Assert.Equal((Institutions, (long)lastRow, "列数不足，行不完整（文件可能被截断）"), (row.File, row.Row, row.Reason));
    }
}
