using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Tests;

/// <summary>A warehouse in a fresh temporary folder, deleted afterwards.</summary>
public sealed class WarehouseFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warehouse-test-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "w.duckdb");

    public WarehouseDatabase Open() => WarehouseDatabase.Open(Path);

    public static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
