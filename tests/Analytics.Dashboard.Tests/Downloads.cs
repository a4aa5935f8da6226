using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Analytics.Dashboard.Tests;

/// <summary>Reads the dashboard's downloads back: CSV (RFC 4180, UTF-8 with BOM) and .xlsx (with DocumentFormat.OpenXml).</summary>
internal static class Downloads
{
    public static List<List<string>> Csv(byte[] bytes) => Csv(Encoding.UTF8.GetString(bytes));

    /// <summary>The rows of a CSV text (CRLF line ends, quoted fields), without a leading byte-order mark.</summary>
    public static List<List<string>> Csv(string text)
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (row.Count > 0 || cell.Length > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The first sheet's cells as text (inline strings and numbers), row by row.</summary>
    public static List<List<string>> Xlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToList())
            .ToList();
    }

    /// <summary>Whether a cell is stored as a number in the workbook.</summary>
    public static List<List<bool>> XlsxNumbers(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var part = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.Number).ToList()).ToList();
    }
}
