using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Sources.Catalog;
using Analytics.Warehouse.Schema;

namespace Analytics.Etl.Loading;

/// <summary>
/// One district's share of a feed-quarter: <paramref name="FeedQuarterLoaded"/> when the feed-quarter has a succeeded load,
/// and the fact rows the district has in it.
/// </summary>
public sealed record DistrictFeedQuarter(string DistrictCode, string DistrictName, string Feed, int QuarterKey, bool FeedQuarterLoaded, long Rows)
{
    /// <summary>已装载 (rows loaded), 缺 (the feed-quarter is loaded but holds nothing of this district) or 未装载 (no load yet).</summary>
    public string State => Rows > 0 ? "已装载" : FeedQuarterLoaded ? "缺" : "未装载";

    public bool Missing => Rows == 0;
}

/// <summary>What the warehouse holds against what it should: every district × feed × quarter, and the 街镇 without a ledger.</summary>
public sealed record LoadCompletenessReport(IReadOnlyList<DistrictFeedQuarter> Cells, IReadOnlyList<MissingLedger> MissingLedgers)
{
    /// <summary>The quarters of the report, oldest first.</summary>
    public IReadOnlyList<int> Quarters => Cells.Select(c => c.QuarterKey).Distinct().Order().ToList();
}

/// <summary>
/// Completeness of the loads, read by `etl status` and the admin page alike: for every district of the region dimension,
/// every feed and every quarter from the first to the last with a succeeded load, whether the district has fact rows.
/// </summary>
public static class LoadCompleteness
{
    public static LoadCompletenessReport Read(DuckDBConnection connection)
    {
        var counts = string.Join("\n            UNION ALL ", StarSchema.FactTables.Select(t =>
            $"SELECT '{t.Source.FeedId}' AS feed, quarter_key, district_code, count(*) AS n FROM {t.Name} GROUP BY ALL"));
        var feeds = string.Join(", ", SourceCatalog.Feeds.Select((f, i) => $"('{f.Id}', {i})"));
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH loaded AS (SELECT DISTINCT feed, quarter_key FROM etl_run WHERE status = 'succeeded'),
            quarters AS (SELECT quarter_key FROM dim_quarter
                         WHERE quarter_key BETWEEN (SELECT min(quarter_key) FROM loaded) AND (SELECT max(quarter_key) FROM loaded)),
            districts AS (SELECT DISTINCT district_code, district_name FROM dim_region),
            feeds (feed, position) AS (VALUES {feeds}),
            counts AS ({counts})
            SELECT d.district_code, d.district_name, f.feed, q.quarter_key, l.feed IS NOT NULL, coalesce(sum(c.n), 0)::BIGINT
            FROM districts d CROSS JOIN feeds f CROSS JOIN quarters q
            LEFT JOIN loaded l ON l.feed = f.feed AND l.quarter_key = q.quarter_key
            LEFT JOIN counts c ON c.feed = f.feed AND c.quarter_key = q.quarter_key AND c.district_code = d.district_code
            GROUP BY d.district_code, d.district_name, f.feed, f.position, q.quarter_key, l.feed
            ORDER BY d.district_code, f.position, q.quarter_key
            """;
        var cells = new List<DistrictFeedQuarter>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                cells.Add(new DistrictFeedQuarter(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetBoolean(4), reader.GetInt64(5)));
            }
        }

        return new LoadCompletenessReport(cells, LedgerCompleteness.Missing(connection));
    }
}
