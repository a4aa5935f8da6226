using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;
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
    string GeneratedBy,
    string? JudgementVersion = null,
    DateTimeOffset? SupersededAt = null)
{
    /// <summary>What makes two entries versions of one document: kind, period, district and 街镇.</summary>
    public (string Kind, string Period, string DistrictCode, string? TownCode) Document => (Kind, Period, DistrictCode, TownCode);

    /// <summary>The name a download is offered under: 松江区2024Q4简报.pdf, 松江区岳阳街道2024Q4成绩单.pdf, 普陀区长风新村街道2024Q4贡献明细.pdf.</summary>
    public string DownloadName => $"{DistrictName}{TownName}{Period}{BriefingKind.FileWord(Kind)}.pdf";
}

/// <summary>
/// The briefing index (warehouse table <c>briefing</c>, migrations 5 and 9): what was generated, where, from which data and
/// judgements. A new generation of a document supersedes the current entry, whose file the generator has moved aside
/// (<see cref="Supersede"/>), so earlier versions stay listed and downloadable.
/// </summary>
public sealed class BriefingIndex(WarehouseDatabase warehouse)
{
    private const string Columns = """
        briefing_id, kind, period, district_code, district_name, town_code, town_name, document_number, file_path, bytes, pages,
        rubric_id, rubric_version, data_version, data_as_of, generated_at, generated_by, judgement_version, superseded_at
        """;

    /// <summary>Adds the documents of one run as the current entries; an entry still current at the same file (not moved aside) is removed.</summary>
    public void Record(IReadOnlyCollection<BriefingEntry> entries)
    {
        using var connection = warehouse.Connect();
        using var transaction = connection.BeginTransaction();
        foreach (var e in entries)
        {
            WarehouseSql.Execute(connection, "DELETE FROM briefing WHERE file_path = $1", e.FilePath);
            WarehouseSql.Execute(connection, $"""
                INSERT INTO briefing ({Columns.Replace("briefing_id, ", "", StringComparison.Ordinal)})
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, NULL)
                """,
                e.Kind, e.Period, e.DistrictCode, e.DistrictName, e.TownCode, e.TownName, e.DocumentNumber, e.FilePath, e.Bytes, e.Pages,
                e.RubricId, e.RubricVersion, e.DataVersion, e.DataAsOf?.UtcDateTime, e.GeneratedAt.UtcDateTime, e.GeneratedBy, e.JudgementVersion);
        }

        transaction.Commit();
    }

    /// <summary>The current entry written to <paramref name="filePath"/>, if any.</summary>
    public BriefingEntry? CurrentAt(string filePath)
    {
        using var connection = warehouse.Connect();
        return Query(connection, $"SELECT {Columns} FROM briefing WHERE file_path = $1 AND superseded_at IS NULL", filePath).FirstOrDefault();
    }

    /// <summary>Marks an entry as an earlier version whose file now lies at <paramref name="archivedPath"/> (relative to the briefing folder).</summary>
    public void Supersede(long id, string archivedPath, DateTimeOffset at)
    {
        using var connection = warehouse.Connect();
        WarehouseSql.Execute(connection, "UPDATE briefing SET file_path = $1, superseded_at = $2 WHERE briefing_id = $3", archivedPath, at.UtcDateTime, id);
    }

    /// <summary>The current entries, newest period first, district briefings before their towns' documents.</summary>
    public IReadOnlyList<BriefingEntry> List(string? period = null, string? districtCode = null)
    {
        using var connection = warehouse.Connect();
        return Query(connection, $"""
            SELECT {Columns} FROM briefing
            WHERE superseded_at IS NULL AND ($1 IS NULL OR period = $1) AND ($2 IS NULL OR district_code = $2)
            ORDER BY period DESC, district_code, kind <> 'district', town_code
            """, period, districtCode);
    }

    /// <summary>The earlier versions of the listed documents, newest first.</summary>
    public IReadOnlyList<BriefingEntry> Versions(string? period = null, string? districtCode = null)
    {
        using var connection = warehouse.Connect();
        return Query(connection, $"""
            SELECT {Columns} FROM briefing
            WHERE superseded_at IS NOT NULL AND ($1 IS NULL OR period = $1) AND ($2 IS NULL OR district_code = $2)
            ORDER BY generated_at DESC, briefing_id DESC
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
        command.CommandText = "SELECT DISTINCT period FROM briefing WHERE superseded_at IS NULL ORDER BY period DESC";
        using var reader = command.ExecuteReader();
        var periods = new List<string>();
        while (reader.Read())
        {
            periods.Add(reader.GetString(0));
        }

        return periods;
    }

    private static List<BriefingEntry> Query(DuckDBConnection connection, string sql, params object?[] parameters)
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
                reader.GetString(13), reader.IsDBNull(14) ? null : Utc(reader.GetDateTime(14)), Utc(reader.GetDateTime(15)), reader.GetString(16),
                reader.IsDBNull(17) ? null : reader.GetString(17), reader.IsDBNull(18) ? null : Utc(reader.GetDateTime(18))));
        }

        return rows;
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
