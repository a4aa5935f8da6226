using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Sources.Manifest;

namespace Analytics.Etl.Extraction;

/// <summary>
/// The default transport: a folder where source systems drop their quarterly extracts,
/// <c>DIR/&lt;feed&gt;/&lt;2024Q3&gt;/&lt;file&gt;.csv</c> and ledgers in <c>DIR/ledger/&lt;2024Q3&gt;/</c> (docs/sources.md).
/// </summary>
public sealed class FileDropSource : IExtractSource
{
    public FileDropSource(string root)
    {
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
        {
            throw new EtlException($"数据目录不存在：{Root} (drop folder not found)。");
        }

        try
        {
            Manifest = DropManifest.Read(Root);
        }
        catch (FormatException ex)
        {
            throw new EtlException(ex.Message, ex);
        }
    }

    /// <summary>The publisher's manifest.json, or null when the drop has none (then reloads are guarded against shrinking).</summary>
    public DropManifest? Manifest { get; }

    public string Root { get; }
    public string Transport => "files";
    public string Origin => Root;

    public IReadOnlyList<Quarter> QuartersOf(FeedSpec feed)
    {
        var folder = Path.Combine(Root, feed.Id);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetDirectories(folder)
            .Select(Path.GetFileName)
            .Select(name => Quarter.TryParse(name, null, out var quarter) ? quarter : (Quarter?)null)
            .OfType<Quarter>()
            .Order()
            .ToList();
    }

    public IReadOnlyList<ExtractFile> Open(FeedSpec feed, Quarter quarter)
    {
        var folder = Path.Combine(Root, feed.Id, quarter.ToString());
        if (!Directory.Exists(folder))
        {
            throw new EtlException($"{feed.Id}/{quarter}：未找到该季度的报送目录 (no submission for this quarter in {Root})。");
        }

        return feed.Id == "ledger" ? OpenLedgers(feed, quarter, folder) : OpenAll(feed, quarter);
    }

    // Every file is checked before the feed is refused, so that one message names each bad file (one line each).
    private List<ExtractFile> OpenAll(FeedSpec feed, Quarter quarter)
    {
        var files = new List<ExtractFile>();
        var problems = new List<string>();
        foreach (var spec in feed.Files)
        {
            try
            {
                files.Add(OpenCsv(spec, quarter));
            }
            catch (EtlException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Count == 0 ? files : throw new EtlException(string.Join("\n", problems));
    }

    private ExtractFile OpenCsv(FileSpec spec, Quarter quarter)
    {
        var relative = DropLayout.RelativePath(spec, quarter);
        var path = Path.Combine(Root, relative);
        if (!File.Exists(path))
        {
            throw new EtlException($"{relative}：缺少文件 (file missing)。");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new EtlException($"{relative}：文件为空 (empty file)。");
        }

        if (TextDecoding.StartsAsUtf8(path))
        {
            var (rows, digest) = ManifestCheck.Check(Manifest, relative, path);
            var header = DelimitedText.ReadHeader(path, System.Text.Encoding.UTF8);
            try
            {
                HeaderCheck.Require(spec, header, relative);
            }
            catch (EtlException)
            {
                // A file changed since its manifest: that is the cause to name.
                digest?.Confirm();
                throw;
            }

            return new CsvExtractFile(spec, relative, path, header) { ManifestRows = rows, Digest = digest };
        }

        var manifestRows = ManifestCheck.Verify(Manifest, relative, path);

        // Not UTF-8: accept GB18030 (what Chinese Excel writes), read by our own code.
        // Name the file as the drop knows it (like every other file error), not by its absolute path.
        var encoding = TextDecoding.Detect(File.ReadAllBytes(path), relative);
        var records = DelimitedText.Read(path, encoding);
        using var enumerator = records.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            throw new EtlException($"{relative}：文件为空 (empty file)。");
        }

        var headerFields = enumerator.Current.Fields.Select(f => f.Trim()).ToList();
        HeaderCheck.Require(spec, headerFields, relative);
        return new RowSetExtractFile(spec, relative, headerFields, ReadRows(path, encoding, relative, headerFields.Count)) { ManifestRows = manifestRows };
    }

    private static IEnumerable<SourceRow> ReadRows(string path, System.Text.Encoding encoding, string displayName, int columns)
    {
        foreach (var (line, fields) in DelimitedText.Read(path, encoding).Skip(1))
        {
            // Said here, while reading, with the same words as DuckDB's rejects for UTF-8 files (CsvRejects):
            // a short last line is a truncated file, not a row of blank required fields.
            var problem = fields.Length < columns ? "列数不足，行不完整（文件可能被截断）"
                : fields.Length > columns ? "列数多于表头"
                : null;
            yield return new SourceRow(displayName, line - 1, fields, problem);
        }
    }

    private IReadOnlyList<ExtractFile> OpenLedgers(FeedSpec feed, Quarter quarter, string folder)
    {
        var spec = feed.Files[0];
        // A file outside the pattern 区_街镇.xlsx|.csv (a 汇总表.xlsx) is no town's ledger: reported by Strays, not read.
        var files = Directory.GetFiles(folder)
            .Where(f => LedgerIdentity.DistrictOf(Path.GetFileName(f)) is not null)
            .Order(StringComparer.Ordinal)
            .ToList();
        var rows = new List<SourceRow>();
        long? manifestRows = Manifest is null ? null : 0;
        foreach (var file in files)
        {
            var relative = $"{DropLayout.LedgerFolder(quarter)}/{Path.GetFileName(file)}";
            manifestRows += ManifestCheck.Verify(Manifest, relative, file);
            var ledger = LedgerReader.Read(spec, file, relative);
            LedgerIdentity.Require(spec, relative, ledger);
            rows.AddRange(ledger);
        }

        return [new RowSetExtractFile(spec, $"{DropLayout.LedgerFolder(quarter)}/*", spec.ColumnNames, rows) { ManifestRows = manifestRows }];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Strays(FeedSpec feed, Quarter quarter) => DropStrays.Find(Root, feed, quarter);
}
