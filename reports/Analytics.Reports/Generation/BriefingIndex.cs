using System.Globalization;
using Analytics.DuckDb;
using Analytics.Warehouse;

namespace Analytics.Reports.Generation;

/// <summary>
/// Kind of a generated document: a district briefing (简报), a town scorecard (成绩单), or a town's contribution sheet
/// (贡献明细) where the rubric scores the district as a whole and no 街镇 is scored.
/// </summary>
public static class BriefingKind
{
    public const string District = "district";
    public const string Town = "town";
    public const string Contribution = "contribution";

    public static string Label(string kind) => kind switch { District => "季度简报", Contribution => "街镇贡献明细", _ => "街镇成绩单" };

    /// <summary>The word a file of the kind ends with: 简报, 成绩单, 贡献明细.</summary>
    public static string FileWord(string kind) => kind switch { District => "简报", Contribution => "贡献明细", _ => "成绩单" };
}

/// <summary>One row of the briefing index; <see cref="FilePath"/> is relative to the briefing folder.</summary>
public sealed record BriefingEntry(
    long Id,
    string Kind,
    string Period,
    string DistrictCode,
    string DistrictName,
    string? TownCode,
    string? TownName,
    string DocumentNumber,
    string FilePath,
    long Bytes,
    int Pages,
    string RubricId,
    string RubricVersion,
    string DataVersion,
    DateTimeOffset? DataAsOf,
    DateTimeOffset GeneratedAt,
    string GeneratedBy)
{
    /// <summary>The name a download is offered under: 松江区2024Q4简报.pdf, 松江区岳阳街道2024Q4成绩单.pdf, 普陀区长风新村街道2024Q4贡献明细.pdf.</summary>
    public string DownloadName => $"{DistrictName}{TownName}{Period}{BriefingKind.FileWord(Kind)}.pdf";
}

/// <summary>The briefing index (warehouse table <c>briefing</c>, migration 5): what was generated, where, from which data.</summary>
public sealed class BriefingIndex(WarehouseDatabase warehouse)
{
    private const string Columns = """
        briefing_id, kind, period, district_code, district_name, town_code, town_name, document_number, file_path, bytes, pages,
        rubric_id, rubric_version, data_version, data_as_of, generated_at, generated_by
        """;

    /// <summary>Adds the documents of one run; a document written to the same file before loses its old row.</summary>
    public void Record(IReadOnlyCollection<BriefingEntry> entries)
    {
        using var connection = warehouse.Connect();
        using var transaction = connection.BeginTransaction();
        foreach (var e in entries)
        {
            Execute(connection, "DELETE FROM briefing WHERE file_path = $1", e.FilePath);
            Execute(connection, $"""
                INSERT INTO briefing ({Columns.Replace("briefing_id, ", "", StringComparison.Ordinal)})
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                """,
                e.Kind, e.Period, e.DistrictCode, e.DistrictName, e.TownCode, e.TownName, e.DocumentNumber, e.FilePath, e.Bytes, e.Pages,
                e.RubricId, e.RubricVersion, e.DataVersion, e.DataAsOf?.UtcDateTime, e.GeneratedAt.UtcDateTime, e.GeneratedBy);
        }

        transaction.Commit();
    }

    /// <summary>The index, newest period first, district briefings before their towns' documents.</summary>
    public IReadOnlyList<BriefingEntry> List(string? period = null, string? districtCode = null)
    {
        using var connection = warehouse.Connect();
        return Query(connection, $"""
            SELECT {Columns} FROM briefing
            WHERE ($1 IS NULL OR period = $1) AND ($2 IS NULL OR district_code = $2)
            ORDER BY period DESC, district_code, kind <> 'district', town_code
            """, period, districtCode);
    }

    public BriefingEntry? Find(long id)
    {
        using var connection = warehouse.Connect();
        return Query(connection, $"SELECT {Columns} FROM briefing WHERE briefing_id = $1", id).FirstOrDefault();
    }

    /// <summary>The periods that have documents, newest first.</summary>
    public IReadOnlyList<string> Periods()
    {
        using var connection = warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT period FROM briefing ORDER BY period DESC";
        using var reader = command.ExecuteReader();
        var periods = new List<string>();
        while (reader.Read())
        {
            periods.Add(reader.GetString(0));
        }

        return periods;
    }

    private static List<BriefingEntry> Query(DuckDbConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<BriefingEntry>();
        while (reader.Read())
        {
            rows.Add(new BriefingEntry(
                Long(reader.GetValue(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7),
                reader.GetString(8), Long(reader.GetValue(9)), (int)Long(reader.GetValue(10)), reader.GetString(11), reader.GetString(12),
                reader.GetString(13), reader.IsDBNull(14) ? null : Utc(reader.GetDateTime(14)), Utc(reader.GetDateTime(15)), reader.GetString(16)));
        }

        return rows;
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static void Execute(DuckDbConnection connection, string sql, params object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        command.ExecuteNonQuery();
    }
}
