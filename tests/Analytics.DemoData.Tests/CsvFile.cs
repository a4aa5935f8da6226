using System.Text;

namespace Analytics.DemoData.Tests;

/// <summary>A small, strict CSV reader for the tests (RFC 4180 quoting), independent of the generator's writer.</summary>
public sealed class CsvFile
{
    private CsvFile(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public int Index(string column)
    {
        var index = Array.IndexOf(Header, column);
        Assert.True(index >= 0, $"missing column {column}");
        return index;
    }

    /// <summary>Rows as column → value maps (slow; for small files).</summary>
    public IEnumerable<Dictionary<string, string>> Records() =>
        Rows.Select(r => Header.Select((h, i) => (h, r[i])).ToDictionary(p => p.h, p => p.Item2));

    public static CsvFile Read(string path, Encoding? encoding = null) => Parse(File.ReadAllText(path, encoding ?? Encoding.UTF8), headerRows: 1)[0];

    /// <summary>Parses text; with two header rows (ledgers) the first file's header is the second row, and the labels come back as the first data row of the result at index 1.</summary>
    public static CsvFile[] Parse(string text, int headerRows)
    {
        var lines = Lines(text).ToList();
        Assert.True(lines.Count >= headerRows, "file has no header");
        var header = lines[headerRows - 1];
        foreach (var line in lines.Skip(headerRows)) Assert.Equal(header.Length, line.Length);
        var main = new CsvFile(header, lines.Skip(headerRows).ToList());
        return headerRows == 1 ? [main] : [main, new CsvFile(lines[0], [])];
    }

    private static IEnumerable<string[]> Lines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields.ToArray();
                    fields.Clear();
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}
