using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>Where a flag stands: 待核实 until someone handles it, then 已核实, 数据已更正 or 已整改.</summary>
public static class FlagStatus
{
    public const string Pending = "pending";
    public const string Verified = "verified";
    public const string Corrected = "corrected";
    public const string Remedied = "remedied";

    public static IReadOnlyList<string> All { get; } = [Pending, Verified, Corrected, Remedied];

    public static string Label(string status) => status switch
    {
        Verified => "已核实",
        Corrected => "数据已更正",
        Remedied => "已整改",
        _ => "待核实",
    };

    /// <summary>Whether the flag needs nothing more unless its figures change.</summary>
    public static bool IsHandled(string status) => status is Verified or Corrected or Remedied;
}

/// <summary>One change of a flag's review: the state it left the flag in, and the flag's sentence at the time.</summary>
public sealed record FlagReview(long Id, string FlagKey, string Status, string? Owner, string? Note, string Message, string ChangedBy, DateTime ChangedAt);

/// <summary>
/// The review of anomaly flags (flag_review): an owner, a status and a note per flag, every change kept as history.
/// Flags are recomputed from the data, so a review is tied to the flag's identity (<see cref="Key"/>) and remembers
/// the sentence it was made on: a handled flag whose figures changed since is raised again.
/// </summary>
public sealed class FlagReviewStore(DuckDBConnection connection)
{
    /// <summary>kind|district|town|period|indicator: what stays the same when the flag is recomputed from the same data.</summary>
    public static string Key(AnomalyFlag flag) => string.Join('|', flag.Kind, flag.DistrictCode, flag.TownName ?? "", flag.Period, flag.IndicatorCode ?? "");

    /// <summary>Whether a briefing reports the flag: not handled yet, or changed since it was handled.</summary>
    public static bool NeedsReporting(AnomalyFlag flag, FlagReview? review) =>
        review is null || !FlagStatus.IsHandled(review.Status) || review.Message != flag.Message;

    public FlagReview Record(AnomalyFlag flag, string status, string? owner, string? note, string user, DateTime? at = null)
    {
        if (!FlagStatus.All.Contains(status))
        {
            throw new RubricInputException($"未知处理状态 {status}，可选：{string.Join("、", FlagStatus.All.Select(FlagStatus.Label))}");
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            throw new RubricInputException("缺少操作人");
        }

        if (FlagStatus.IsHandled(status) && string.IsNullOrWhiteSpace(note))
        {
            throw new RubricInputException($"标记为{FlagStatus.Label(status)}须写明核实或处理情况");
        }

        var id = WarehouseSql.Scalar<long>(connection, "SELECT nextval('flag_review_id')");
        WarehouseSql.Execute(connection, """
            INSERT INTO flag_review (review_id, flag_key, status, owner, note, message, changed_by, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, id, Key(flag), status, Blank(owner), Blank(note), flag.Message, user.Trim(), at ?? DateTime.UtcNow);
        return History(Key(flag))[0];
    }

    /// <summary>The newest review change's id (0 before any): moves with every change, for caches of what shows flags.</summary>
    public static long Version(DuckDBConnection connection) => WarehouseSql.Scalar<long>(connection, "SELECT coalesce(max(review_id), 0) FROM flag_review");

    /// <summary>Flag key → its latest review.</summary>
    public IReadOnlyDictionary<string, FlagReview> Current() =>
        Read("QUALIFY row_number() OVER (PARTITION BY flag_key ORDER BY review_id DESC) = 1", [])
            .ToDictionary(r => r.FlagKey);

    /// <summary>Every change of one flag's review, newest first.</summary>
    public IReadOnlyList<FlagReview> History(string flagKey) =>
        Read("WHERE flag_key = $1 ORDER BY review_id DESC", [flagKey]);

    private List<FlagReview> Read(string clauses, object?[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT review_id, flag_key, status, owner, note, message, changed_by, changed_at FROM flag_review {clauses}";
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<FlagReview>();
        while (reader.Read())
        {
            rows.Add(new FlagReview(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetDateTime(7)));
        }

        return rows;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
