using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse;

/// <summary>
/// The one place for quoting and for running a statement without reading rows: every layer over the warehouse uses
/// these instead of its own copies (the metrics layer under its short alias <c>Sql</c>).
/// </summary>
public static class WarehouseSql
{
    /// <summary>A SQL string literal: single quotes doubled.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Literal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A quoted SQL identifier (DuckDB and PostgreSQL alike): double quotes doubled.</summary>
    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Runs a statement with positional parameters ($1, $2, …); returns the rows changed.</summary>
    public static int Execute(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Empties a derived table by dropping it and creating it again, inside the caller's transaction: from
    /// <paramref name="columns"/> when given, else from its own stored definition (constraints and defaults included).
    /// A fresh table commits only the new rows, where a full DELETE would also commit the deletion of every old one.
    /// </summary>
    public static void RecreateEmpty(DuckDBConnection connection, string table, string? columns = null)
    {
        var definition = columns is not null
            ? $"CREATE TABLE {Ident(table)} (\n{columns})"
            : Scalar<string>(connection, "SELECT sql FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1", table)
              ?? throw new InvalidOperationException($"table {table} does not exist; run the migrations first");
        Execute(connection, $"DROP TABLE IF EXISTS {Ident(table)}");
        Execute(connection, definition);
    }

    /// <summary>The warehouse_meta value under <paramref name="key"/>; null when it was never set.</summary>
    public static string? Meta(DuckDBConnection connection, string key) =>
        Scalar<string>(connection, "SELECT value FROM warehouse_meta WHERE key = $1", key);

    /// <summary>Sets the warehouse_meta value under <paramref name="key"/>.</summary>
    public static void SetMeta(DuckDBConnection connection, string key, string value) =>
        Execute(connection, "INSERT OR REPLACE INTO warehouse_meta VALUES ($1, $2)", key, value);

    /// <summary>The first column of the first row as <typeparamref name="T"/> (HUGEINT as decimal); default when NULL or no row.</summary>
    public static T? Scalar<T>(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        var value = command.ExecuteScalar();
        if (value is null or DBNull)
        {
            return default;
        }

        if (value is System.Numerics.BigInteger big)
        {
            value = (decimal)big;
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }

    public static decimal? Decimal(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) switch
    {
        System.Numerics.BigInteger big => (decimal)big,
        var v => Convert.ToDecimal(v, CultureInfo.InvariantCulture),
    };
}
