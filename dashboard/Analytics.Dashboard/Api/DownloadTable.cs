namespace Analytics.Dashboard.Api;

/// <summary>A table offered for download as CSV and as .xlsx: the same header and cells in both.</summary>
/// <param name="NumberColumns">Columns written as numbers in the workbook (the CSV has plain text either way).</param>
public sealed record DownloadTable(string Name, string Sheet, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows,
    IReadOnlySet<int> NumberColumns)
{
    /// <summary>The workbook for <c>format=xlsx</c>, else the CSV.</summary>
    public IResult ToResult(string? format) =>
        Xlsx.Wanted(format) ? Xlsx.File(Name, Sheet, Header, Rows, NumberColumns) : Csv.File(Name, Header, Rows);
}
