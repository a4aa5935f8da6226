using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Sources.Catalog;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>
/// Which feed-quarters the load bookkeeping (etl_run) holds, so that a 同比 comparison is made only between periods whose
/// every needed quarter is loaded: a year is the sum of whatever quarters are loaded, and a partly loaded base year would
/// make "较上年增长" trivially true.
/// </summary>
public sealed class LoadedQuarters
{
    private readonly HashSet<(string Feed, int QuarterKey)> _loaded;

    private LoadedQuarters(HashSet<(string Feed, int QuarterKey)> loaded) => _loaded = loaded;

    public static LoadedQuarters Read(DuckDBConnection connection)
    {
        var loaded = new HashSet<(string, int)>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT feed, quarter_key FROM etl_run WHERE status = 'succeeded'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            loaded.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return new LoadedQuarters(loaded);
    }

    /// <summary>
    /// The quarters of <paramref name="period"/> the quantity needs and the feed lacks, as "2023Q2、2023Q3 社会救助信息系统",
    /// or null when complete or when none is loaded (then the value itself is absent). A flow or maximum needs every quarter (up to the period's quarter when read year-to-date),
    /// a stock only the period's last quarter.
    /// </summary>
    public string? Missing(Quantity quantity, AssessmentPeriod period, bool yearToDate)
    {
        var needed = Needed(quantity, period, yearToDate);
        var missing = needed.Where(q => !_loaded.Contains((quantity.Feed, period.Year * 10 + q))).ToList();
        // Nothing loaded at all is no base rather than a broken one: the value is absent and the rule says 无上年基数.
        return missing.Count > 0 && missing.Count < needed.Count ? $"{Quarters(period.Year, missing)} {SourceCatalog.Feed(quantity.Feed).SystemLabel}" : null;
    }

    /// <summary>
    /// The quarters of <paramref name="period"/> a value of the quantity sums over: a flow or maximum every quarter (up to
    /// the period's quarter when read year-to-date), a stock only the period's last quarter.
    /// </summary>
    public static IReadOnlyList<int> Needed(Quantity quantity, AssessmentPeriod period, bool yearToDate)
    {
        var last = period.Quarter ?? 4;
        var first = quantity.Kind == QuantityKind.Stock || (period.IsQuarter && !yearToDate) ? last : 1;
        return Enumerable.Range(first, last - first + 1).ToList();
    }

    /// <summary>"2023Q2、2023Q4".</summary>
    public static string Quarters(int year, IEnumerable<int> quarters) => string.Join("、", quarters.Select(q => $"{year}Q{q}"));
}
