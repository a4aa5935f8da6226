namespace Analytics.Warehouse.Schema;

/// <summary>
/// The columns of the two tables the indicator refresh rewrites on every load: migration 13 creates them from these,
/// and the refresh recreates them empty from the same text (DuckDB does not keep a column's compression in the SQL it
/// reports, so the definition cannot be copied from the live table). Their text columns are stored uncompressed: choosing
/// a compression for them took longer than the rest of the write (docs/performance.md). A change here needs a migration.
/// </summary>
public static class MetricTables
{
    public const string QuantityValue = "metric_quantity_value";

    public const string IndicatorValue = "metric_value";

    private const string Text = "VARCHAR USING COMPRESSION uncompressed";

    /// <summary>The quantities per town, district and city, for quarters and years; ytd_value is the year-to-date figure.</summary>
    public const string QuantityValueColumns = $"""
            quantity_code  {Text} NOT NULL,
            level          {Text} NOT NULL,   -- town | district | city
            unit_key       {Text} NOT NULL,   -- T:<town_key> | D:<district_code> | C
            district_code  {Text},
            town_key       INTEGER,
            period         {Text} NOT NULL,   -- 2024Q3 | 2024
            year           INTEGER NOT NULL,
            quarter        INTEGER,           -- NULL for a year
            value          DECIMAL(18,4),
            ytd_value      DECIMAL(18,4)
        """;

    /// <summary>The indicators per town, district and city and period, with 同比 and 环比.</summary>
    public const string IndicatorValueColumns = $"""
            indicator_code {Text} NOT NULL,
            level          {Text} NOT NULL,
            district_code  {Text},
            town_key       INTEGER,
            period         {Text} NOT NULL,
            year           INTEGER NOT NULL,
            quarter        INTEGER,
            value          DECIMAL(18,4),
            yoy_previous   DECIMAL(18,4),
            yoy_change     DECIMAL(18,4),
            yoy_pct        DECIMAL(18,2),
            yoy_direction  {Text},            -- better | worse | flat | no_baseline; up | down for scale indicators
            qoq_previous   DECIMAL(18,4),
            qoq_change     DECIMAL(18,4),
            qoq_pct        DECIMAL(18,2),
            qoq_direction  {Text},
            computed_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
        """;
}
