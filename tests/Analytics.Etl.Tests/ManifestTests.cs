using System.Globalization;
using Analytics.Etl.Tests.Support;
using Analytics.Sources;
using Analytics.Sources.Manifest;

namespace Analytics.Etl.Tests;

/// <summary>A drop with a manifest is checked file by file (bytes, SHA-256, rows) before anything of it is kept.</summary>
[Collection(EtlCollection.Name)]
public sealed class ManifestTests(DemoDropFixture drop) : IDisposable
{
    private const string Requests = "verification/2024Q3/requests.csv";
    private readonly TestBed _bed = new TestBed(drop).Copy("verification", "2024Q3").CopyManifest();

    public void Dispose() => _bed.Dispose();

    private ManifestFile Listed(string relative) => DropManifest.Read(_bed.Sources)!.Find(relative)!;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public void The_generator_lists_every_file_with_its_true_bytes_digest_and_rows()
    {
        var listed = Listed(Requests);

        Assert.Equal(new FileInfo(_bed.PathOf(Requests)).Length, listed.Bytes);
        Assert.Equal(FileDigest.Sha256(_bed.PathOf(Requests)), listed.Sha256);
        Assert.Equal(_bed.DataRows(Requests), listed.Rows);
        Assert.Equal(64, listed.Sha256!.Length);
    }

    [Fact]
    public void A_clean_drop_with_its_manifest_loads_in_full()
    {
        var result = _bed.Load("verification", "2024Q3");

        Assert.True(result.Succeeded);
        Assert.Equal(_bed.FeedRows("verification", "2024Q3"), result.RowsRead);
    }

    [Fact]
    public void A_truncated_file_is_refused_naming_it_and_both_sizes_and_the_loaded_quarter_stays()
    {
        _bed.Load("verification", "2024Q3");
        var before = _bed.FactSnapshot();
        var bytes = File.ReadAllBytes(_bed.PathOf(Requests));
        File.WriteAllBytes(_bed.PathOf(Requests), bytes[..(bytes.Length * 6 / 10)]);

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal($"{Requests}：文件大小 {N(bytes.Length * 6 / 10)} 字节，清单 manifest.json 记载 {N(bytes.Length)} 字节，文件可能被截断或替换，已拒绝装载 (size differs from the manifest)。", error.Message);
        Assert.Equal(before, _bed.FactSnapshot());
    }

    [Fact]
    public void A_header_only_file_is_refused_against_the_manifest()
    {
        _bed.Load("verification", "2024Q3");
        var before = _bed.FactSnapshot();
        var listed = Listed(Requests);
        _bed.WriteLines(Requests, _bed.Lines(Requests).Take(1));

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal($"{Requests}：文件大小 {N(new FileInfo(_bed.PathOf(Requests)).Length)} 字节，清单 manifest.json 记载 {N(listed.Bytes)} 字节，文件可能被截断或替换，已拒绝装载 (size differs from the manifest)。", error.Message);
        Assert.Equal(before, _bed.FactSnapshot());
    }

    [Fact]
    public void A_file_changed_without_changing_its_size_is_refused_by_its_digest()
    {
        var listed = Listed(Requests);
        var households = _bed.Cell(Requests, 5, "households");
        _bed.SetCell(Requests, 5, "households", households == "1" ? "2" : "1");

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal($"{Requests}：SHA-256 为 {FileDigest.Sha256(_bed.PathOf(Requests))}，清单 manifest.json 记载 {listed.Sha256}，文件内容已被改动，已拒绝装载 (digest differs from the manifest)。", error.Message);
        Assert.Empty(_bed.FactCounts());
    }

    [Theory]
    [InlineData("header")]
    [InlineData("rows")]
    public void A_changed_file_is_named_by_its_digest_even_when_its_header_or_row_count_fails_first_and_the_loaded_quarter_stays(string change)
    {
        // The digest is computed while the file loads; whatever else the changed bytes break, the cause named is the change.
        _bed.Load("verification", "2024Q3");
        var before = _bed.FactSnapshot();
        var listed = Listed(Requests);
        var bytes = File.ReadAllBytes(_bed.PathOf(Requests));
        var at = change == "header" ? 0 : Array.IndexOf(bytes, (byte)'\n', Array.IndexOf(bytes, (byte)'\n') + 1);
        bytes[at] = change == "header" ? (byte)'x' : (byte)',';
        File.WriteAllBytes(_bed.PathOf(Requests), bytes);

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal($"{Requests}：SHA-256 为 {FileDigest.Sha256(_bed.PathOf(Requests))}，清单 manifest.json 记载 {listed.Sha256}，文件内容已被改动，已拒绝装载 (digest differs from the manifest)。", error.Message);
        Assert.Equal(before, _bed.FactSnapshot());
    }

    [Fact]
    public void A_manifest_stating_other_rows_than_the_file_holds_is_refused()
    {
        var path = _bed.PathOf(DropLayout.ManifestFileName);
        var listed = Listed(Requests);
        var text = File.ReadAllText(path);
        var entry = text.IndexOf($"\"path\": \"{Requests}\"", StringComparison.Ordinal);
        var rows = text.IndexOf($"\"rows\": {listed.Rows},", entry, StringComparison.Ordinal);
        File.WriteAllText(path, text[..rows] + $"\"rows\": {listed.Rows + 1}," + text[(rows + $"\"rows\": {listed.Rows},".Length)..]);

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal($"{Requests}：读到 {N(listed.Rows)} 行数据，清单 manifest.json 记载 {N(listed.Rows + 1)} 行，已拒绝装载 (row count differs from the manifest)。", error.Message);
        Assert.Empty(_bed.FactCounts());
    }

    [Fact]
    public void A_file_the_manifest_does_not_list_is_refused()
    {
        var path = _bed.PathOf(DropLayout.ManifestFileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace($"\"path\": \"{Requests}\"", "\"path\": \"verification/2024Q3/other.csv\"", StringComparison.Ordinal));

        var error = _bed.LoadFails("verification", "2024Q3");

        Assert.Equal($"{Requests}：清单 manifest.json 中没有该文件，已拒绝装载 (file not in the manifest)。", error.Message);
    }
}
