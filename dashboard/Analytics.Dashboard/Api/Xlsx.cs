using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Analytics.Dashboard.Api;

/// <summary>.xlsx downloads written with DocumentFormat.OpenXml: one sheet, a header row, then the same cells as the CSV.</summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool Wanted(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>A workbook of one sheet; cells of <paramref name="numberColumns"/> that parse as a number are written as numbers.</summary>
    public static IResult File(string name, string sheet, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows,
        IReadOnlySet<int> numberColumns) =>
        Results.File(Build(sheet, header, rows, numberColumns), ContentType, $"{name}.xlsx");

    public static byte[] Build(string sheet, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlySet<int> numberColumns)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(TextRow(header));
            foreach (var row in rows)
            {
                data.Append(new Row(row.Select((value, i) => numberColumns.Contains(i) && IsNumber(value) ? NumberCell(value!) : TextCell(value))));
            }

            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = SheetName(sheet) }));
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static Row TextRow(IEnumerable<string> cells) => new(cells.Select(TextCell));

    private static Cell TextCell(string? text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text ?? "")) };

    private static Cell NumberCell(string number) => new() { DataType = CellValues.Number, CellValue = new CellValue(number) };

    private static bool IsNumber(string? value) =>
        value is not null && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    // Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => ":\\/?*[]".Contains(c) ? '_' : c).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
