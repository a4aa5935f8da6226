using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse.Schema;

namespace Analytics.Warehouse.Migrations;

/// <summary>The fact tables, one per source file, as <see cref="StarSchema"/> lays them out.</summary>
internal sealed class M003Facts : Migration
{
    public override int Version => 3;
    public override string Description => "fact tables of the source catalog";

    public override void Apply(DuckDBConnection connection)
    {
        foreach (var table in StarSchema.FactTables)
        {
            Execute(connection, table.CreateSql());
        }
    }
}
