using Analytics.Sources.Catalog;

namespace Analytics.Etl.Extraction;

/// <summary>One extract file (or table) of a feed for a quarter, as handed to staging.</summary>
public abstract record ExtractFile(FileSpec Spec, string DisplayName);

/// <summary>A UTF-8 CSV file on disk that DuckDB reads itself (the fast path for large extracts).</summary>
public sealed record CsvExtractFile(FileSpec Spec, string DisplayName, string Path, IReadOnlyList<string> Header)
    : ExtractFile(Spec, DisplayName);

/// <summary>Rows read by our own code (spreadsheets, GB18030 text, PostgreSQL), each with its 1-based source row number.</summary>
public sealed record RowSetExtractFile(FileSpec Spec, string DisplayName, IReadOnlyList<string> Header, IEnumerable<SourceRow> Rows)
    : ExtractFile(Spec, DisplayName);

/// <summary>
/// A source row: where it came from and its raw text fields in header order. <paramref name="Problem"/>
/// carries a defect found while reading (e.g. the file lacks a column), so the row is quarantined with it.
/// </summary>
public readonly record struct SourceRow(string File, long RowNumber, string?[] Fields, string? Problem = null);
