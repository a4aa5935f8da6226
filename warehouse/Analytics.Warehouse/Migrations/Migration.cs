using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>One versioned step of the warehouse schema; applied once, in version order, inside a transaction.</summary>
public abstract class Migration
{
    public abstract int Version { get; }
    public abstract string Description { get; }

    public abstract void Apply(DuckDBConnection connection);

    protected static void Execute(DuckDBConnection connection, string sql) => WarehouseSql.Execute(connection, sql);
}
