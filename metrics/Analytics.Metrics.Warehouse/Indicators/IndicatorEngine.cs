using System.Diagnostics;
using Analytics.DuckDb;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>What one refresh of the metrics tables did.</summary>
public sealed record IndicatorRefresh(long Quantities, long QuantityValues, long IndicatorValues, TimeSpan Elapsed, IReadOnlyDictionary<string, long>? StepMs = null);

/// <summary>
/// Computes every indicator for every town, district and the city, for every quarter and year, with 同比 and 环比,
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
    public static IndicatorRefresh Refresh(DuckDbConnection connection)
    {
        var clock = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        IndicatorCatalogSeeder.Upsert(connection);
        Sql.Execute(connection, "DELETE FROM metric_quantity");
        long quantities = 0;
        var steps = new Dictionary<string, long>();
        var step = Stopwatch.StartNew();
        foreach (var group in QuantityCatalog.All.GroupBy(q => (q.FactTable, q.Feed, q.ZeroWhenAbsent)))
        {
            quantities += Sql.Execute(connection, QuantitySql(group.Key.FactTable, group.Key.Feed, group.Key.ZeroWhenAbsent, group.ToList()));
            steps[group.Key.FactTable + (group.Key.ZeroWhenAbsent ? "" : "*")] = step.ElapsedMilliseconds;
            step.Restart();
        }

        Sql.Execute(connection, "DELETE FROM metric_quantity_value");
        var values = Sql.Execute(connection, QuantityValueSql());
        steps["metric_quantity_value"] = step.ElapsedMilliseconds;
        step.Restart();
        Sql.Execute(connection, "DELETE FROM metric_value");
        var indicators = Sql.Execute(connection, IndicatorValueSql());
        steps["metric_value"] = step.ElapsedMilliseconds;
        Sql.Execute(connection, $"INSERT OR REPLACE INTO warehouse_meta SELECT '{MetaKey}', CAST(coalesce(max(run_id), 0) AS VARCHAR) FROM etl_run");
        transaction.Commit();
        return new IndicatorRefresh(quantities, values, indicators, clock.Elapsed, steps);
    }

    /// <summary>Refreshes when the metric tables were never computed or a load ran since; returns null when they were current.</summary>
    public static IndicatorRefresh? RefreshIfStale(DuckDbConnection connection)
    {
        var computedFor = Sql.Scalar<string>(connection, $"SELECT value FROM warehouse_meta WHERE key = '{MetaKey}'");
        var latest = Sql.Scalar<long?>(connection, "SELECT max(run_id) FROM etl_run")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
        return computedFor == latest ? null : Refresh(connection);
    }

    // warehouse_meta key holding the newest etl_run id the metric tables were computed from.
    private const string MetaKey = "metrics_computed_for_run_id";

    internal static string QuantitySql(string table, string feed, bool zeroWhenAbsent, IReadOnlyList<Quantity> quantities)
    {
        var columns = string.Join(",\n    ", quantities.Select(q => $"CAST({q.Expression} AS DECIMAL(18,4)) AS {Sql.Ident(q.Code)}"));
        var head = $"""
            INSERT INTO metric_quantity
            WITH agg AS (
                SELECT f.town_key, f.quarter_key,
                {columns}
                FROM {table} f WHERE f.town_key IS NOT NULL GROUP BY f.town_key, f.quarter_key),
            long AS (UNPIVOT agg ON COLUMNS(* EXCLUDE (town_key, quarter_key)) INTO NAME quantity_code VALUE value)
            """;
        if (!zeroWhenAbsent)
        {
            return head + "\nSELECT l.quantity_code, r.district_code, l.town_key, l.quarter_key, l.value FROM long l JOIN dim_region r ON r.town_key = l.town_key";
        }

        // Every town of every loaded quarter gets a value: no rows in a loaded system extract means zero.
        var codes = string.Join(", ", quantities.Select(q => Sql.Literal(q.Code)));
        return head + $"""
            ,
            grid AS (
                SELECT r.town_key, r.district_code, q.quarter_key
                FROM dim_region r JOIN dim_quarter q ON r.valid_from <= q.last_day AND (r.valid_to IS NULL OR r.valid_to > q.first_day)
                WHERE q.quarter_key IN (SELECT quarter_key FROM etl_run WHERE feed = {Sql.Literal(feed)} AND status = 'succeeded')),
            codes AS (SELECT unnest([{codes}]) AS quantity_code)
            SELECT c.quantity_code, g.district_code, g.town_key, g.quarter_key, coalesce(l.value, 0)
            FROM grid g CROSS JOIN codes c
            LEFT JOIN long l ON l.town_key = g.town_key AND l.quarter_key = g.quarter_key AND l.quantity_code = c.quantity_code
            """;
    }

    private static string KindsCte() =>
        "kinds(quantity_code, kind) AS (VALUES " +
        string.Join(", ", QuantityCatalog.All.Select(q => $"({Sql.Literal(q.Code)}, {Sql.Literal(q.Kind.ToString().ToLowerInvariant())})")) + ")";

    internal static string QuantityValueSql() => $"""
        INSERT INTO metric_quantity_value
        WITH {KindsCte()},
        tq AS (
            SELECT m.quantity_code, k.kind, m.district_code, m.town_key, m.quarter_key // 10 AS year, m.quarter_key % 10 AS quarter, m.value
            FROM metric_quantity m JOIN kinds k USING (quantity_code)),
        town_quarter AS (
            SELECT *, CASE kind WHEN 'flow' THEN sum(value) OVER w WHEN 'max' THEN max(value) OVER w ELSE value END AS ytd_value
            FROM tq WINDOW w AS (PARTITION BY quantity_code, town_key, year ORDER BY quarter ROWS UNBOUNDED PRECEDING)),
        town_year AS (
            SELECT quantity_code, kind, district_code, town_key, year,
                   CASE kind WHEN 'flow' THEN sum(value) WHEN 'max' THEN max(value) ELSE arg_max(value, quarter) END AS value
            FROM tq GROUP BY quantity_code, kind, district_code, town_key, year),
        town AS (
            SELECT quantity_code, kind, district_code, town_key, year || 'Q' || quarter AS period, year, quarter, value, ytd_value FROM town_quarter
            UNION ALL
            SELECT quantity_code, kind, district_code, town_key, CAST(year AS VARCHAR), year, NULL, value, value FROM town_year)
        SELECT quantity_code, 'town', 'T:' || town_key, district_code, town_key, period, year, quarter, value, ytd_value FROM town
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
            $"({Sql.Literal(i.Code)}, {Sql.Literal(i.DirectionText)}, {Sql.Literal(i.Numerator)}, " +
            $"{(i.Denominator is { } d ? Sql.Literal(d) : "NULL")}, {Sql.Literal(i.Scale)})"));
        return $"""
            INSERT INTO metric_value (indicator_code, level, district_code, town_key, period, year, quarter, value,
                yoy_previous, yoy_change, yoy_pct, yoy_direction, qoq_previous, qoq_change, qoq_pct, qoq_direction)
            WITH defs(indicator_code, direction, numerator, denominator, scale) AS (VALUES
                {definitions}),
            base AS MATERIALIZED (
                SELECT d.indicator_code, d.direction, n.level, n.unit_key, n.district_code, n.town_key, n.period, n.year, n.quarter,
                       CASE WHEN d.denominator IS NULL THEN n.value
                            ELSE CAST(CAST(d.scale AS DECIMAL(18,4)) * n.value / nullif(dn.value, 0) AS DECIMAL(18,4)) END AS value,
                       CASE WHEN n.quarter IS NULL THEN CAST(n.year - 1 AS VARCHAR) ELSE (n.year - 1) || 'Q' || n.quarter END AS yoy_period,
                       CASE WHEN n.quarter IS NULL THEN NULL WHEN n.quarter = 1 THEN (n.year - 1) || 'Q4' ELSE n.year || 'Q' || (n.quarter - 1) END AS qoq_period
                FROM defs d
                JOIN metric_quantity_value n ON n.quantity_code = d.numerator
                LEFT JOIN metric_quantity_value dn ON dn.quantity_code = d.denominator AND dn.unit_key = n.unit_key AND dn.period = n.period)
            SELECT b.indicator_code, b.level, b.district_code, b.town_key, b.period, b.year, b.quarter, b.value,
                   y.value, b.value - y.value, CAST(round(100 * (b.value - y.value) / nullif(abs(y.value), 0), 2) AS DECIMAL(18,2)),
                   CASE WHEN y.value IS NULL OR b.value IS NULL THEN 'no_baseline' WHEN b.value = y.value THEN 'flat'
                        WHEN (b.value > y.value) = (b.direction = 'higher') THEN 'better' ELSE 'worse' END,
                   q.value, b.value - q.value, CAST(round(100 * (b.value - q.value) / nullif(abs(q.value), 0), 2) AS DECIMAL(18,2)),
                   CASE WHEN b.quarter IS NULL THEN NULL WHEN q.value IS NULL OR b.value IS NULL THEN 'no_baseline' WHEN b.value = q.value THEN 'flat'
                        WHEN (b.value > q.value) = (b.direction = 'higher') THEN 'better' ELSE 'worse' END
            FROM base b
            LEFT JOIN base y ON y.indicator_code = b.indicator_code AND y.unit_key = b.unit_key AND y.period = b.yoy_period
            LEFT JOIN base q ON q.indicator_code = b.indicator_code AND q.unit_key = b.unit_key AND q.period = b.qoq_period
            """;
    }
}
