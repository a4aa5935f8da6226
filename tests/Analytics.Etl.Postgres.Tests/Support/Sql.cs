using System.Globalization;
using Analytics.Warehouse;

namespace Analytics.Etl.Postgres.Tests.Support;

/// <summary>Small read helpers over a warehouse.</summary>
public static class Sql
{
    /// <summary>Every row of a query, each value as invariant text (null stays null).</summary>
    public static List<string?[]> Rows(WarehouseDatabase warehouse, string sql)
    {
        using var connection = warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A row as one readable line, for exact comparisons with readable failures.</summary>
    public static string Line(params IEnumerable<string?> values) => string.Join(" | ", values.Select(v => v ?? "NULL"));

    public static string? Scalar(WarehouseDatabase warehouse, string sql) => Rows(warehouse, sql).Single()[0];
}
