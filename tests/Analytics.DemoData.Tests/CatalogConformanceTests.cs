using System.Globalization;
using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.DemoData.Tests;

[Collection(DemoDropCollection.Name)]
public sealed class CatalogConformanceTests(DemoDrop drop)
{
    [Fact]
    public void Every_feed_file_exists_for_every_quarter_with_the_catalog_header()
    {
        foreach (var quarter in Quarter.Range(DemoOptions.DefaultFrom, DemoOptions.DefaultTo))
        {
            foreach (var file in SourceCatalog.AllFiles.Where(f => f.FeedId != "ledger"))
            {
                var path = Path.Combine(drop.Root, DropLayout.RelativePath(file, quarter));
                Assert.True(File.Exists(path), path);
                var header = File.ReadLines(path).First();
                Assert.Equal(string.Join(',', file.ColumnNames), header);
            }
        }
    }

    [Fact]
    public void Every_value_in_every_feed_file_matches_its_column_type_and_allowed_values()
    {
        foreach (var quarter in Quarter.Range(DemoOptions.DefaultFrom, DemoOptions.DefaultTo))
        {
            foreach (var spec in SourceCatalog.AllFiles.Where(f => f.FeedId != "ledger"))
            {
                var csv = drop.Read(spec.FeedId, spec.Id, quarter.ToString());
                // Payments are large: every row of every quarter would add seconds; one row in 50 still covers every town and type.
                var step = spec.Id == "payments" ? 50 : 1;
                var keys = new HashSet<string>();
                for (var r = 0; r < csv.Rows.Count; r += step)
                {
                    var row = csv.Rows[r];
                    for (var c = 0; c < spec.Columns.Count; c++) AssertValue(spec, spec.Columns[c], row[c], quarter);
                    if (step == 1) Assert.True(keys.Add(string.Join('|', spec.Key.Select(k => row[csv.Index(k)]))), $"duplicate key in {spec.FeedId}/{spec.Id} {quarter}");
                }
            }
        }
    }

    [Fact]
    public void Every_ledger_has_the_catalog_columns_in_order()
    {
        var spec = SourceCatalog.File("ledger", SourceCatalog.LedgerFileId);
        var ledgers = Directory.GetFiles(Path.Combine(drop.Root, "ledger"), "*", SearchOption.AllDirectories);
        Assert.Equal(16 * 48 - 1, ledgers.Length);
        foreach (var path in ledgers)
        {
            var (labels, codes, values) = LedgerReader.Read(path);
            Assert.Equal(spec.ColumnNames, codes);
            Assert.Equal(spec.Columns.Select(c => c.Label), labels);
            var quarter = Quarter.Parse(values[2]);
            for (var c = 0; c < spec.Columns.Count; c++) AssertValue(spec, spec.Columns[c], values[c], quarter);
            Assert.True(DropLayout.TryParseLedgerFileName(Path.GetFileName(path), out var district, out var town));
            Assert.Equal(town, values[1]);
            Assert.StartsWith(district, Path.GetFileName(path));
        }
    }

    internal static void AssertValue(FileSpec spec, ColumnSpec column, string value, Quarter quarter)
    {
        // The message is built only on failure: this runs for millions of values.
        if (!IsValid(spec, column, value, quarter))
            Assert.Fail($"{spec.FeedId}/{spec.Id} {quarter} {column.Name}='{value}' does not match the catalog");
    }

    private static bool IsValid(FileSpec spec, ColumnSpec column, string value, Quarter quarter)
    {
        if (value.Length == 0) return !column.Required;
        var c = CultureInfo.InvariantCulture;
        var ok = column.Type switch
        {
            ColumnType.Int => long.TryParse(value, NumberStyles.AllowLeadingSign, c, out var n) && (column.Minimum is not { } min || n >= min),
            ColumnType.Decimal => decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, c, out var d)
                && (column.Minimum is not { } dmin || d >= dmin) && (column.Maximum is not { } dmax || d <= dmax),
            ColumnType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", c, DateTimeStyles.None, out var date)
                && (spec.PeriodColumn != column.Name || quarter.Contains(date)),
            ColumnType.Bool => value is "true" or "false",
            ColumnType.CitizenId => CitizenId.IsValid(value),
            ColumnType.Quarter => Quarter.TryParse(value, out _),
            _ => true,
        };
        return ok && column.Allows(value);
    }
}
