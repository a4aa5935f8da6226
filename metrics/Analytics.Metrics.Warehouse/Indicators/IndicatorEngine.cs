using System.Diagnostics;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Warehouse;
using Analytics.Warehouse.Schema;

namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>What one refresh of the metrics tables did.</summary>
public sealed record IndicatorRefresh(long Quantities, long QuantityValues, long IndicatorValues, TimeSpan Elapsed, IReadOnlyDictionary<string, long>? StepMs = null);

/// <summary>
/// Computes every indicator for every town, district and the city, for every quarter and year, with 同比 (only between
/// complete years: a partly loaded year is no base) and 环比,
/// in a handful of set-based DuckDB statements: facts → metric_quantity (town × quarter) → metric_quantity_value
/// (town/district/city × quarter/year, with year-to-date) → metric_value (indicators with YoY/QoQ).
/// </summary>
public sealed class IndicatorEngine(WarehouseDatabase warehouse)
{
    public IndicatorRefresh Refresh()
    {
        using var connection = warehouse.Connect();
        return Refresh(connection);
    }

    /// <summary>Recomputes the metrics tables in one transaction; the dashboard never sees a half-built state.</summary>
    public static IndicatorRefresh Refresh(DuckDBConnection connection)
    {
        var clock = Stopwatch.StartNew();
        var steps = new Dictionary<string, long>();
        var step = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        IndicatorCatalogSeeder.Upsert(connection);
        steps["dim_indicator"] = step.ElapsedMilliseconds;
        step.Restart();
        // Town × quarter quantities are only this refresh's first step: a temporary table, never written to the file.
        WarehouseSql.Execute(connection, $"""
            CREATE OR REPLACE TEMP TABLE {WorkTable} (
                quantity_code VARCHAR NOT NULL, district_code VARCHAR NOT NULL, town_key INTEGER,
                quarter_key INTEGER NOT NULL, value DECIMAL(18,4) NOT NULL)
            """);
        long quantities = WarehouseSql.Execute(connection, QuantitiesSql());
        steps["quantities"] = step.ElapsedMilliseconds;
        step.Restart();

        // An empty table replaces the old one instead of a delete; its definition is the warehouse schema's (MetricTables).
        WarehouseSql.RecreateEmpty(connection, MetricTables.QuantityValue, MetricTables.QuantityValueColumns);
        var values = WarehouseSql.Execute(connection, QuantityValueSql());
        steps["metric_quantity_value"] = step.ElapsedMilliseconds;
        step.Restart();
        WarehouseSql.RecreateEmpty(connection, MetricTables.IndicatorValue, MetricTables.IndicatorValueColumns);
        var indicators = WarehouseSql.Execute(connection, IndicatorValueSql());
        steps["metric_value"] = step.ElapsedMilliseconds;
        WarehouseSql.Execute(connection, $"DROP TABLE {WorkTable}");
        WarehouseSql.SetMeta(connection, MetaKey, Stamp(connection));
        step.Restart();
        transaction.Commit();
        steps["commit"] = step.ElapsedMilliseconds;
        return new IndicatorRefresh(quantities, values, indicators, clock.Elapsed, steps);
    }

    /// <summary>Refreshes when the metric tables were never computed or a load ran since; returns null when they were current.</summary>
    public static IndicatorRefresh? RefreshIfStale(DuckDBConnection connection) =>
        DerivedTableRefresh.IfStale(connection, () => IsCurrent(connection), () => Refresh(connection));

    /// <summary>
    /// The stamp of the metric tables: the newest etl_run id they were computed from and the fingerprint of the definitions
    /// they were computed with; null before their first refresh.
    /// </summary>
    public static string? ComputedFor(DuckDBConnection connection) => WarehouseSql.Meta(connection, MetaKey);

    private static bool IsCurrent(DuckDBConnection connection) => ComputedFor(connection) == Stamp(connection);

    // A release that changes a quantity's or an indicator's SQL must recompute a warehouse loaded before it, or the pages
    // keep the old definition's figures until the next load.
    private static string Stamp(DuckDBConnection connection) => $"{LatestRun(connection)}:{DefinitionsFingerprint.Value}";

    private static readonly Lazy<string> DefinitionsFingerprint = new(() =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(QuantitiesSql() + "\n" + QuantityValueSql() + "\n" + IndicatorValueSql())))[..16]);

    private static string LatestRun(DuckDBConnection connection) =>
        WarehouseSql.Scalar<long?>(connection, "SELECT max(run_id) FROM etl_run")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";

    private const string WorkTable = "temp.refresh_quantity";

    // warehouse_meta key holding the stamp (newest etl_run id and definitions fingerprint) the metric tables were computed for.
    private const string MetaKey = "metrics_computed_for_run_id";

    /// <summary>
    /// One statement for every quantity: a branch per fact table (and per zero-when-absent flag), joined by UNION ALL,
    /// instead of thirteen statements each paying DuckDB's per-statement cost.
    /// </summary>
    internal static string QuantitiesSql()
    {
        var branches = QuantityCatalog.All.GroupBy(q => (q.FactTable, q.Feed, q.ZeroWhenAbsent))
            .Select((g, n) => QuantityBranch(n, g.Key.FactTable, g.Key.Feed, g.Key.ZeroWhenAbsent, g.ToList()))
            .ToList();
        return $"INSERT INTO {WorkTable}\nWITH {string.Join(",\n", branches.Select(b => b.Ctes))}\n" +
               string.Join("\nUNION ALL\n", branches.Select(b => b.Select));
    }

    private static (string Ctes, string Select) QuantityBranch(int n, string table, string feed, bool zeroWhenAbsent, IReadOnlyList<Quantity> quantities)
    {
        var columns = string.Join(",\n    ", quantities.Select(q => $"CAST({q.Expression} AS DECIMAL(18,4)) AS {WarehouseSql.Ident(q.Code)}"));
        var head = $"""
            agg{n} AS (
                SELECT f.district_code, f.town_key, f.quarter_key,
                {columns}
                FROM {table} f GROUP BY f.district_code, f.town_key, f.quarter_key),
            long{n} AS (UNPIVOT agg{n} ON COLUMNS(* EXCLUDE (district_code, town_key, quarter_key)) INTO NAME quantity_code VALUE value)
            """;
        // Rows the source places in no 街镇 (an organisation registered at district level) keep a NULL town: they count
        // towards their district and the city, never towards a town.
        var unplaced = $"SELECT l.quantity_code, l.district_code, NULL, l.quarter_key, l.value FROM long{n} l WHERE l.town_key IS NULL";
        if (!zeroWhenAbsent)
        {
            return (head, $"SELECT l.quantity_code, r.district_code, l.town_key, l.quarter_key, l.value FROM long{n} l JOIN dim_region r ON r.town_key = l.town_key\nUNION ALL\n{unplaced}");
        }

        // Every town of every loaded quarter gets a value: no rows in a loaded system extract means zero.
        var codes = string.Join(", ", quantities.Select(q => WarehouseSql.Literal(q.Code)));
        return (head + $"""
            ,
            grid{n} AS (
                SELECT r.town_key, r.district_code, q.quarter_key
                FROM dim_region r JOIN dim_quarter q ON r.valid_from <= q.last_day AND (r.valid_to IS NULL OR r.valid_to > q.first_day)
                WHERE q.quarter_key IN (SELECT quarter_key FROM etl_run WHERE feed = {WarehouseSql.Literal(feed)} AND status = 'succeeded')),
            codes{n} AS (SELECT unnest([{codes}]) AS quantity_code)
            """, $"""
            SELECT c.quantity_code, g.district_code, g.town_key, g.quarter_key, coalesce(l.value, 0)
            FROM grid{n} g CROSS JOIN codes{n} c
            LEFT JOIN long{n} l ON l.town_key = g.town_key AND l.quarter_key = g.quarter_key AND l.quantity_code = c.quantity_code
            UNION ALL
            {unplaced}
            """);
    }

    private static string FeedsCte() =>
        "feeds(quantity_code, feed, kind) AS (VALUES " +
        string.Join(", ", QuantityCatalog.All.Select(q => $"({WarehouseSql.Literal(q.Code)}, {WarehouseSql.Literal(q.Feed)}, {WarehouseSql.Literal(q.Kind.ToString().ToLowerInvariant())})")) + ")";

    private static string KindsCte() =>
        "kinds(quantity_code, kind) AS (VALUES " +
        string.Join(", ", QuantityCatalog.All.Select(q => $"({WarehouseSql.Literal(q.Code)}, {WarehouseSql.Literal(q.Kind.ToString().ToLowerInvariant())})")) + ")";

    internal static string QuantityValueSql() => $"""
        INSERT INTO metric_quantity_value
        WITH {KindsCte()},
        tq AS (
            SELECT m.quantity_code, k.kind, m.district_code, m.town_key, m.quarter_key // 10 AS year, m.quarter_key % 10 AS quarter, m.value
            FROM {WorkTable} m JOIN kinds k USING (quantity_code)),
        -- Year-to-date values come from one aggregate per town and year (a quarter is 1–4, so "up to quarter k" is a
        -- filter) joined back to the quarters: a window over tens of thousands of small partitions took longer than
        -- the rest of this statement.
        town_year AS (
            SELECT quantity_code, kind, district_code, town_key, year,
                   CASE kind WHEN 'flow' THEN sum(value) WHEN 'max' THEN max(value) ELSE arg_max(value, quarter) END AS value,
                   sum(value) FILTER (WHERE quarter <= 1) AS s1, sum(value) FILTER (WHERE quarter <= 2) AS s2,
                   sum(value) FILTER (WHERE quarter <= 3) AS s3, sum(value) AS s4,
                   max(value) FILTER (WHERE quarter <= 1) AS m1, max(value) FILTER (WHERE quarter <= 2) AS m2,
                   max(value) FILTER (WHERE quarter <= 3) AS m3, max(value) AS m4
            FROM tq GROUP BY quantity_code, kind, district_code, town_key, year),
        town_quarter AS (
            SELECT q.quantity_code, q.kind, q.district_code, q.town_key, q.year, q.quarter, q.value,
                   CASE q.kind
                       WHEN 'flow' THEN CASE q.quarter WHEN 1 THEN y.s1 WHEN 2 THEN y.s2 WHEN 3 THEN y.s3 ELSE y.s4 END
                       WHEN 'max' THEN CASE q.quarter WHEN 1 THEN y.m1 WHEN 2 THEN y.m2 WHEN 3 THEN y.m3 ELSE y.m4 END
                       ELSE q.value END AS ytd_value
            FROM tq q JOIN town_year y ON y.quantity_code = q.quantity_code AND y.district_code = q.district_code
                AND y.town_key IS NOT DISTINCT FROM q.town_key AND y.year = q.year),
        town AS (
            SELECT quantity_code, kind, district_code, town_key, year || 'Q' || quarter AS period, year, quarter, value, ytd_value FROM town_quarter
            UNION ALL
            SELECT quantity_code, kind, district_code, town_key, CAST(year AS VARCHAR), year, NULL, value, value FROM town_year)
        SELECT quantity_code, 'town', 'T:' || town_key, district_code, town_key, period, year, quarter, value, ytd_value FROM town WHERE town_key IS NOT NULL
        UNION ALL
        SELECT quantity_code, 'district', 'D:' || district_code, district_code, NULL, period, year, quarter,
               CASE any_value(kind) WHEN 'max' THEN max(value) ELSE sum(value) END,
               CASE any_value(kind) WHEN 'max' THEN max(ytd_value) ELSE sum(ytd_value) END
        FROM town GROUP BY quantity_code, district_code, period, year, quarter
        UNION ALL
        SELECT quantity_code, 'city', 'C', NULL, NULL, period, year, quarter,
               CASE any_value(kind) WHEN 'max' THEN max(value) ELSE sum(value) END,
               CASE any_value(kind) WHEN 'max' THEN max(ytd_value) ELSE sum(ytd_value) END
        FROM town GROUP BY quantity_code, period, year, quarter
        """;

    internal static string IndicatorValueSql()
    {
        var definitions = string.Join(",\n    ", IndicatorCatalog.All.Select(i =>
            $"({WarehouseSql.Literal(i.Code)}, {WarehouseSql.Literal(i.DirectionText)}, {WarehouseSql.Literal(i.Numerator)}, " +
            $"{(i.Denominator is { } d ? WarehouseSql.Literal(d) : "NULL")}, {WarehouseSql.Literal(i.Scale)})"));
        return $"""
            INSERT INTO metric_value (indicator_code, level, district_code, town_key, period, year, quarter, value,
                yoy_previous, yoy_change, yoy_pct, yoy_direction, qoq_previous, qoq_change, qoq_pct, qoq_direction)
            WITH defs(indicator_code, direction, numerator, denominator, scale) AS (VALUES
                {definitions}),
            {FeedsCte()},
            -- A year counts as a 同比 base only when complete: every quarter of a flow's feed loaded, a stock's fourth.
            complete_year AS (
                SELECT f.quantity_code, l.quarter_key // 10 AS year
                FROM feeds f JOIN (SELECT DISTINCT feed, quarter_key FROM etl_run WHERE status = 'succeeded') l ON l.feed = f.feed
                GROUP BY f.quantity_code, f.kind, l.quarter_key // 10
                HAVING CASE WHEN f.kind = 'stock' THEN max(l.quarter_key % 10) = 4 ELSE count(*) = 4 END),
            base AS MATERIALIZED (
                SELECT d.indicator_code, d.direction, n.level, n.unit_key, n.district_code, n.town_key, n.period, n.year, n.quarter,
                       n.quarter IS NOT NULL OR (cn.year IS NOT NULL AND (d.denominator IS NULL OR cd.year IS NOT NULL)) AS complete,
                       CASE WHEN d.denominator IS NULL THEN n.value
                            ELSE CAST(CAST(d.scale AS DECIMAL(18,4)) * n.value / nullif(dn.value, 0) AS DECIMAL(18,4)) END AS value,
                       CASE WHEN n.quarter IS NULL THEN CAST(n.year - 1 AS VARCHAR) ELSE (n.year - 1) || 'Q' || n.quarter END AS yoy_period,
                       CASE WHEN n.quarter IS NULL THEN NULL WHEN n.quarter = 1 THEN (n.year - 1) || 'Q4' ELSE n.year || 'Q' || (n.quarter - 1) END AS qoq_period
                FROM defs d
                JOIN metric_quantity_value n ON n.quantity_code = d.numerator
                LEFT JOIN metric_quantity_value dn ON dn.quantity_code = d.denominator AND dn.unit_key = n.unit_key AND dn.period = n.period
                LEFT JOIN complete_year cn ON cn.quantity_code = d.numerator AND cn.year = n.year
                LEFT JOIN complete_year cd ON cd.quantity_code = d.denominator AND cd.year = n.year)
            SELECT b.indicator_code, b.level, b.district_code, b.town_key, b.period, b.year, b.quarter, b.value,
                   y.value, b.value - y.value, CAST(round(100 * (b.value - y.value) / nullif(abs(y.value), 0), 2) AS DECIMAL(18,2)),
                   CASE WHEN y.value IS NULL OR b.value IS NULL THEN 'no_baseline' WHEN b.value = y.value THEN 'flat'
                        WHEN b.direction = 'neutral' THEN CASE WHEN b.value > y.value THEN 'up' ELSE 'down' END
                        WHEN (b.value > y.value) = (b.direction = 'higher') THEN 'better' ELSE 'worse' END,
                   q.value, b.value - q.value, CAST(round(100 * (b.value - q.value) / nullif(abs(q.value), 0), 2) AS DECIMAL(18,2)),
                   CASE WHEN b.quarter IS NULL THEN NULL WHEN q.value IS NULL OR b.value IS NULL THEN 'no_baseline' WHEN b.value = q.value THEN 'flat'
                        WHEN b.direction = 'neutral' THEN CASE WHEN b.value > q.value THEN 'up' ELSE 'down' END
                        WHEN (b.value > q.value) = (b.direction = 'higher') THEN 'better' ELSE 'worse' END
            FROM base b
            LEFT JOIN (SELECT * FROM base WHERE complete) y ON y.indicator_code = b.indicator_code AND y.unit_key = b.unit_key
                AND y.period = CASE WHEN b.complete THEN b.yoy_period END
            LEFT JOIN base q ON q.indicator_code = b.indicator_code AND q.unit_key = b.unit_key AND q.period = b.qoq_period
            """;
    }
}
