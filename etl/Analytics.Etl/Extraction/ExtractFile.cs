using Analytics.Sources.Catalog;

namespace Analytics.Etl.Extraction;

/// <summary>One extract file (or table) of a feed for a quarter, as handed to staging.</summary>
public abstract record ExtractFile(FileSpec Spec, string DisplayName)
{
    /// <summary>
    /// The data rows the publisher's manifest states for this file (its bytes matched; see <see cref="Digest"/>), or null when
    /// nothing vouches for it; a load that reads another count is refused, one without it is guarded against shrinking.
    /// </summary>
    public long? ManifestRows { get; init; }

    /// <summary>The manifest's digest check, still being computed when the file is handed over; null when confirmed already
    /// or when nothing vouches for the file. The load confirms it before it keeps any of the file's rows.</summary>
    public DeferredDigest? Digest { get; init; }
}

/// <summary>A UTF-8 CSV file on disk that DuckDB reads itself (the fast path for large extracts).</summary>
public sealed record CsvExtractFile(FileSpec Spec, string DisplayName, string Path, IReadOnlyList<string> Header)
    : ExtractFile(Spec, DisplayName);

/// <summary>Rows read by our own code (spreadsheets, GB18030 text, PostgreSQL), each with its 1-based source row number.</summary>
public sealed record RowSetExtractFile(FileSpec Spec, string DisplayName, IReadOnlyList<string> Header, IEnumerable<SourceRow> Rows)
    : ExtractFile(Spec, DisplayName);

/// <summary>
/// A source row: where it came from and its raw text fields in header order. <paramref name="Problem"/>
/// carries a defect found while reading, so the row is quarantined with it; <paramref name="ProblemIsFileWide"/>
/// says the defect is the file's (a ledger without its codes row) rather than this row's (a short line).
/// </summary>
public readonly record struct SourceRow(string File, long RowNumber, string?[] Fields, string? Problem = null, bool ProblemIsFileWide = false)
{
    /// <summary>The field shown in the quarantine for a reading problem.</summary>
    public string ProblemField => ProblemIsFileWide ? "(文件)" : "(整行)";
}
