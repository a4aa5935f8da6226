using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>
/// metric_quantity (town × quarter quantities) was only ever the first step of the indicator refresh; nothing reads it
/// since. The refresh now keeps that step in a temporary table, so the warehouse file and its log never carry it.
/// </summary>
internal sealed class M006QuantityWorkTable : Migration
{
    public override int Version => 6;
    public override string Description => "metrics: the refresh's town × quarter quantities move to a temporary table";

    public override void Apply(DuckDBConnection connection) => Execute(connection, "DROP TABLE metric_quantity;");
}
