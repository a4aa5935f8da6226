namespace Analytics.Dashboard.Api;

/// <summary>A table offered for download as CSV and as .xlsx: the same header and cells in both.</summary>
/// <param name="NumberColumns">Columns written as numbers in the workbook (the CSV has plain text either way).</param>
/// <param name="Note">A footnote written as the last row, in the first cell (the "*" note of scores resting on 本系统设定 numbers).</param>
public sealed record DownloadTable(string Name, string Sheet, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows,
    IReadOnlySet<int> NumberColumns, string? Note = null)
{
    /// <summary>The workbook for <c>format=xlsx</c>, else the CSV.</summary>
    public IResult ToResult(string? format)
    {
        IReadOnlyList<IReadOnlyList<string?>> rows = Note is null ? Rows : [.. Rows, [Note]];
        return Xlsx.Wanted(format) ? Xlsx.File(Name, Sheet, Header, rows, NumberColumns) : Csv.File(Name, Header, rows);
    }
}
