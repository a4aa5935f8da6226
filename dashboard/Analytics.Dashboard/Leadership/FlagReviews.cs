using System.Text.Json;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Leadership;

/// <summary>One flag on the flags page with its latest review (null: never reviewed, 待核实).</summary>
public sealed record FlagRow(AnomalyFlag Flag, string Key, FlagReview? Review)
{
    public string Status => Review?.Status ?? FlagStatus.Pending;

    /// <summary>Handled earlier on other figures: the flag is raised again.</summary>
    public bool ChangedSinceHandled => Review is { } r && FlagStatus.IsHandled(r.Status) && r.Message != Flag.Message;
}

/// <summary>What the flags page lists: every filter is optional.</summary>
/// <param name="Category">data (数据质量: records that look wrong), performance (偏离同类、目标风险) or highlight (亮点).</param>
public sealed record FlagFilter(string? District, string? Period, string? Category, string? Status);

/// <summary>
/// The flags of every loaded quarter with their review (owner, status, note, history) for /leader/flags; changes go
/// through <see cref="FlagReviewStore"/> and are audited as <c>flag.review</c>.
/// </summary>
public sealed class FlagReviews(LeadershipScores scores, WarehouseDatabase warehouse, AuditLog audit)
{
    public const string AuditAction = "flag.review";

    public static string Category(AnomalyFlag flag) =>
        AnomalyKinds.IsHighlight(flag.Kind) ? "highlight" : AnomalyKinds.Evaluated.Contains(flag.Kind) ? "data" : "performance";

    public static string CategoryLabel(string category) => category switch
    {
        "data" => "数据质量",
        "highlight" => "亮点",
        _ => "工作表现",
    };

    public IReadOnlyList<FlagRow> List(FlagFilter filter)
    {
        var reviews = Reviews();
        return scores.AllFlags()
            .Where(f => filter.District is not { Length: > 0 } d || f.DistrictCode == d)
            .Where(f => filter.Period is not { Length: > 0 } p || AnomalyDetection.InPeriod([f], p).Any())
            .Where(f => filter.Category is not { Length: > 0 } c || Category(f) == c)
            .Select(f => new FlagRow(f, FlagReviewStore.Key(f), reviews.GetValueOrDefault(FlagReviewStore.Key(f))))
            .Where(r => filter.Status is not { Length: > 0 } s || r.Status == s)
            .OrderByDescending(r => r.Flag.Period, StringComparer.Ordinal)
            .ThenBy(r => r.Flag.DistrictCode, StringComparer.Ordinal)
            .ThenBy(r => r.Flag.TownName, StringComparer.Ordinal)
            .ThenBy(r => r.Flag.Kind, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The quarters that have flags, newest first (the period filter's choices).</summary>
    public IReadOnlyList<string> Periods() => scores.AllFlags().Select(f => f.Period).Distinct().OrderDescending(StringComparer.Ordinal).ToList();

    public IReadOnlyList<FlagReview> History(string key)
    {
        using var connection = warehouse.Connect();
        return new FlagReviewStore(connection).History(key);
    }

    /// <summary>Records a review of the flag with this key; throws <see cref="RubricInputException"/> with a Chinese message when refused.</summary>
    public FlagReview Record(string user, string key, string status, string? owner, string? note)
    {
        var flag = scores.AllFlags().FirstOrDefault(f => FlagReviewStore.Key(f) == key)
            ?? throw new RubricInputException("该提示已不在当前数据中（数据已重新装载），请刷新页面。");
        FlagReview review;
        using (var connection = warehouse.Connect())
        {
            review = new FlagReviewStore(connection).Record(flag, status, owner, note, user);
        }

        audit.Record(user, AuditAction, JsonSerializer.Serialize(new { flag = key, status, owner = review.Owner, note = review.Note }, AuditJson));
        return review;
    }

    // Chinese stays readable in the audit log instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IReadOnlyDictionary<string, FlagReview> Reviews()
    {
        using var connection = warehouse.Connect();
        return new FlagReviewStore(connection).Current();
    }
}
