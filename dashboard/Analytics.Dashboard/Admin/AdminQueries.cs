using Analytics.DuckDb;
using Analytics.Etl.Loading;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Admin;

public sealed record QuarantinedRow(long RunId, string Feed, int QuarterKey, string File, long RowNumber, string? Field, string Reason, string? Raw);

/// <summary>What the admin pages read from the load bookkeeping (etl_run, etl_quarantine).</summary>
public sealed class AdminQueries(WarehouseDatabase warehouse)
{
    public IReadOnlyList<RunRecord> Runs(int limit = 200)
    {
        using var connection = warehouse.Connect();
        return RunLog.Recent(connection, limit);
    }

    public (long Total, IReadOnlyList<QuarantinedRow> Rows) Quarantine(string? feed, int limit = 500)
    {
        using var connection = warehouse.Connect();
        long total;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM etl_quarantine WHERE $1 IS NULL OR feed = $1";
            count.Parameters.AddValue(feed);
            total = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT run_id, feed, quarter_key, file, row_number, field, reason, raw FROM etl_quarantine
            WHERE $1 IS NULL OR feed = $1 ORDER BY run_id DESC, file, row_number LIMIT $2
            """;
        command.Parameters.AddValue(feed);
        command.Parameters.AddValue(limit);
        using var reader = command.ExecuteReader();
        var rows = new List<QuarantinedRow>();
        while (reader.Read())
        {
            rows.Add(new QuarantinedRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return (total, rows);
    }

    /// <summary>Per district, feed and quarter what is loaded, and the 街镇 without a ledger (the report `etl status` prints).</summary>
    public LoadCompletenessReport Completeness()
    {
        using var connection = warehouse.Connect();
        return LoadCompleteness.Read(connection);
    }

    public static string QuarterLabel(int quarterKey) => $"{quarterKey / 10}Q{quarterKey % 10}";
}
