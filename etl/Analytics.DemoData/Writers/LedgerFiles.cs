using System.Globalization;
using System.Text;
using Analytics.DemoData.Anomalies;
using Analytics.DemoData.Model;
using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.DemoData.Writers;

/// <summary>Writes one ledger per town per quarter, as .xlsx or .csv (UTF-8 with BOM, or GB18030), skipping the injected missing submission.</summary>
public static class LedgerFiles
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The format a town uses in a quarter: a fixed function of seed, town and quarter.</summary>
    public static LedgerFormat FormatOf(long seed, TownProfile town, Quarter quarter)
    {
        var draw = FastRandom.For(seed, town.Index, 702, quarter.Ordinal).NextDouble();
        return draw < 0.4 ? LedgerFormat.Xlsx : draw < 0.75 ? LedgerFormat.CsvUtf8 : LedgerFormat.CsvGb18030;
    }

    public static void Write(GenerationContext context, Quarter quarter)
    {
        var spec = SourceCatalog.File("ledger", SourceCatalog.LedgerFileId);
        foreach (var town in context.Towns)
        {
            if (context.Plan.Find(AnomalyKind.MissingSubmission, town.Index, quarter) is not null) continue;
            var values = LedgerValues.For(context, town, quarter);
            var cells = spec.Columns.Select(c => Format(values, c)).ToArray();
            var format = FormatOf(context.Seed, town, quarter);
            var relative = DropLayout.LedgerRelativePath(town.Town, quarter, format == LedgerFormat.Xlsx ? ".xlsx" : ".csv");
            var path = context.FullPath(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (format == LedgerFormat.Xlsx)
            {
                XlsxLedgerWriter.Write(path, spec, cells, quarter);
            }
            else
            {
                var encoding = format == LedgerFormat.CsvUtf8 ? Utf8WithBom : LedgerEncoding.Gb18030;
                using var csv = new CsvRowWriter(path, encoding);
                csv.Header(spec.Columns.Select(c => c.Label));
                csv.Header(spec.ColumnNames);
                foreach (var cell in cells) csv.Field(cell);
                csv.EndRow();
            }
            context.Register(relative, "ledger", spec.Id, quarter, 1);
        }
    }

    /// <summary>The text form of one value as the catalog documents it (invariant numbers, ISO dates, empty for missing).</summary>
    private static string? Format(Dictionary<string, object?> values, ColumnSpec column)
    {
        if (!values.TryGetValue(column.Name, out var value))
            throw new InvalidOperationException($"台账列 {column.Name} 没有生成值");
        return value switch
        {
            null => null,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
