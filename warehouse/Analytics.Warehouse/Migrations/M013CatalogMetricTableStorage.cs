using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse.Schema;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// metric_quantity_value and metric_value take their definition from <see cref="MetricTables"/>, the one the indicator
/// refresh recreates them from (their text uncompressed). Their rows are carried over through temporary copies (no
/// ALTER, which DuckDB 1.5 cannot always replay from the log).
/// </summary>
internal sealed class M013CatalogMetricTableStorage : Migration
{
    public override int Version => 13;
    public override string Description => "metrics: metric_quantity_value and metric_value store their text uncompressed";

    public override void Apply(DuckDBConnection connection)
    {
        foreach (var (table, columns) in new[] { (MetricTables.QuantityValue, MetricTables.QuantityValueColumns), (MetricTables.IndicatorValue, MetricTables.IndicatorValueColumns) })
        {
            Execute(connection, $"""
                CREATE TEMP TABLE m13_copy AS SELECT * FROM {table};
                DROP TABLE {table};
                CREATE TABLE {table} (
                {columns});
                INSERT INTO {table} SELECT * FROM temp.m13_copy;
                DROP TABLE temp.m13_copy;
                """);
        }
    }
}
