using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Analytics.Etl.Extraction;

/// <summary>Reads CSV records as raw text fields (RFC 4180 quoting), for the files our own code reads.</summary>
public static class DelimitedText
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        BadDataFound = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = false,
        TrimOptions = TrimOptions.None,
    };

    /// <summary>Every record of the file, with its 1-based line number among records.</summary>
    public static IEnumerable<(long Line, string[] Fields)> Read(string path, Encoding encoding)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, Configuration);
        long line = 0;
        while (csv.Read())
        {
            line++;
            yield return (line, csv.Record ?? []);
        }
    }

    /// <summary>The header row of a UTF-8 CSV file (BOM removed), or an empty list for an empty file.</summary>
    public static IReadOnlyList<string> ReadHeader(string path, Encoding encoding)
    {
        foreach (var (_, fields) in Read(path, encoding))
        {
            return fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList();
        }

        return [];
    }
}
