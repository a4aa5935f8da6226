using System.Data;
using System.Globalization;
using Analytics.Sources.Catalog;
using ExcelDataReader;

namespace Analytics.Etl.Extraction;

/// <summary>
/// Reads one town's quarterly ledger (.xlsx, or .csv in UTF-8 or GB18030): a row of Chinese labels,
/// a row of column codes, then the values. Returns its data rows in catalog column order; a ledger
/// whose columns do not match still yields its rows, each carrying the problem, so nothing is lost.
/// </summary>
public static class LedgerReader
{
    public static IReadOnlyList<SourceRow> Read(FileSpec spec, string path, string displayName)
    {
        var records = Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? ReadWorkbook(path, displayName)
            : ReadCsv(path, displayName);
        if (records.Count == 0)
        {
            return [new SourceRow(displayName, 1, new string?[spec.Columns.Count], "台账文件为空 (empty ledger)", ProblemIsFileWide: true)];
        }

        // The codes row is the first row that names at least half of the catalog's columns.
        var codesIndex = records.FindIndex(r => r.Fields.Count(f => spec.Columns.Any(c => c.Name == f?.Trim())) >= spec.Columns.Count / 2);
        if (codesIndex < 0)
        {
            return records.Select(r => new SourceRow(displayName, r.Line, new string?[spec.Columns.Count],
                "台账缺少列代码行（第 2 行应为列代码，见 docs/sources.md）", ProblemIsFileWide: true)).ToList();
        }

        var header = records[codesIndex].Fields.Select(f => f?.Trim() ?? string.Empty).ToList();
        var problem = HeaderCheck.Problem(spec, header.Where(h => h.Length > 0).ToList());
        var positions = spec.Columns.Select(c => header.IndexOf(c.Name)).ToArray();
        var rows = new List<SourceRow>();
        foreach (var (line, fields) in records.Skip(codesIndex + 1))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue; // trailing blank rows that spreadsheets keep
            }

            var values = new string?[positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                values[i] = positions[i] >= 0 && positions[i] < fields.Length ? fields[positions[i]] : null;
            }

            rows.Add(new SourceRow(displayName, line, values, problem is null ? null : $"台账表头不符：{problem}", ProblemIsFileWide: true));
        }

        return rows.Count > 0 ? rows : [new SourceRow(displayName, codesIndex + 2, new string?[spec.Columns.Count], "台账没有数据行 (no data row)", ProblemIsFileWide: true)];
    }

    private static List<(long Line, string?[] Fields)> ReadCsv(string path, string displayName)
    {
        var bytes = File.ReadAllBytes(path);
        var encoding = TextDecoding.Detect(bytes, displayName);
        return DelimitedText.Read(path, encoding).Select(r => (r.Line, (string?[])r.Fields)).ToList();
    }

    private static List<(long Line, string?[] Fields)> ReadWorkbook(string path, string displayName)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            var rows = new List<(long, string?[])>();
            long line = 0;
            while (reader.Read())
            {
                line++;
                var fields = new string?[reader.FieldCount];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    fields[i] = Cell(reader.GetValue(i));
                }

                rows.Add((line, fields));
            }

            return rows;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException)
        {
            throw new EtlException($"{displayName}：无法读取 Excel 文件 ({ex.Message})。", ex);
        }
    }

    // Spreadsheet cells come typed; give the validator the same text a CSV would carry.
    private static string? Cell(object? value) => value switch
    {
        null => null,
        DateTime date => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
