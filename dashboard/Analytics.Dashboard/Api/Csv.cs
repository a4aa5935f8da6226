using System.Globalization;
using System.Text;
using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Statistics;

namespace Analytics.Dashboard.Api;

/// <summary>CSV downloads (UTF-8 with BOM, so that spreadsheet programs read the Chinese headers).</summary>
public static class Csv
{
    public static IResult Table(StatTable table) =>
        File(table.Id, ["地区代码", "地区", .. table.Columns.Select(c => $"{c.Name}（{c.Unit}）")],
            table.Rows.Select(r => (IReadOnlyList<string?>)[r.Code, r.Name, .. r.Cells.Select(Cell)]));

    /// <summary>A shown count as a plain number (no thousands separator), a hidden one as its mark ("&lt;10", "×").</summary>
    public static string Cell(DisclosedValue cell) => cell.Value?.ToString(CultureInfo.InvariantCulture) ?? cell.Display;

    public static IResult File(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Escape)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Escape)).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", $"{name}.csv");
    }

    public static bool Wanted(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);

    private static string Escape(string? value)
    {
        value ??= "";
        // A leading formula character would be run by spreadsheet programs (CSV injection); a leading tab or carriage
        // return is dropped by some of them before they look for one, so those are guarded whatever follows.
        if (value.Length > 0 && (value[0] is '\t' or '\r' || ("=+-@".Contains(value[0]) && !decimal.TryParse(value, out _))))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
