using Analytics.Sources;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Analytics.DemoData.Tests;

/// <summary>Reads a ledger the way a loader would: .xlsx through OpenXml, .csv in its detected encoding; returns labels, codes and values.</summary>
public static class LedgerReader
{
    public static (string[] Labels, string[] Codes, string[] Values) Read(string path)
    {
        if (path.EndsWith(".xlsx", StringComparison.Ordinal)) return ReadXlsx(path);
        var files = CsvFile.Parse(LedgerEncoding.ReadAllText(path), headerRows: 2);
        Assert.Single(files[0].Rows);
        return (files[1].Header, files[0].Header, files[0].Rows[0]);
    }

    private static (string[], string[], string[]) ReadXlsx(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single();
        Assert.Equal("台账", sheet.Name?.Value);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var rows = part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(Text).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        return (rows[0], rows[1], rows[2]);
    }

    private static string Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
}
