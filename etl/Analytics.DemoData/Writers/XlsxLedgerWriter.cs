using System.Globalization;
using System.IO.Compression;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Analytics.DemoData.Writers;

/// <summary>Writes a ledger workbook with DocumentFormat.OpenXml: sheet 台账, row 1 Chinese labels, row 2 column codes, row 3 values.</summary>
public static class XlsxLedgerWriter
{
    public const string SheetName = "台账";

    private const string MainContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    public static void Write(string path, FileSpec spec, IReadOnlyList<string?> values, Quarter quarter)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            // An explicit relationship id: the default one is random, and the same seed must give the same bytes.
            var workbookPart = document.AddNewPart<WorkbookPart>(MainContentType, "rId1");
            workbookPart.Workbook = new Workbook();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>("rId1");
            var sheetData = new SheetData();
            sheetData.Append(Row(1, spec.Columns.Select(c => (c.Label, false))));
            sheetData.Append(Row(2, spec.Columns.Select(c => (c.Name, false))));
            sheetData.Append(Row(3, spec.Columns.Select((c, i) => (values[i] ?? "", IsNumber(c) && values[i] is not null))));
            worksheetPart.Worksheet = new Worksheet(sheetData);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = SheetName }));
            workbookPart.Workbook.Save();
        }
        Normalise(buffer, path, quarter);
    }

    private static bool IsNumber(ColumnSpec column) => column.Type is ColumnType.Int or ColumnType.Decimal;

    private static Row Row(uint index, IEnumerable<(string Text, bool Number)> cells)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var (text, number) in cells)
        {
            var reference = ColumnLetters(column++) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(number
                ? new Cell { CellReference = reference, CellValue = new CellValue(text) }
                : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
        }
        return row;
    }

    private static string ColumnLetters(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26) letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }

    // Packaging stamps zip entries with the current time; re-pack with a fixed time so the same seed gives identical bytes.
    private static void Normalise(MemoryStream package, string path, Quarter quarter)
    {
        package.Position = 0;
        var stamp = new DateTimeOffset(quarter.LastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var source = new ZipArchive(package, ZipArchiveMode.Read);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var target = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var entry in source.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = stamp;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
