using System.Globalization;

namespace Analytics.Dashboard.Components.Shared;

/// <summary>
/// The one way staff pages show an instant: Beijing time (UTC+8, which 上海 keeps all year), "2024-12-31 08:15:00".
/// The warehouse and the host's own tables store UTC.
/// </summary>
public static class BeijingTime
{
    public const string Label = "北京时间";

    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>A stored UTC time (DuckDB hands back an unspecified kind).</summary>
    public static string Format(DateTime utc) => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public static string Format(DateTime? utc) => utc is { } t ? Format(t) : "—";

    public static string Format(DateTimeOffset instant) => instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? instant) => instant is { } t ? Format(t) : "—";

    /// <summary>To the minute, where a table is narrow.</summary>
    public static string Minutes(DateTimeOffset instant) => instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Minutes(DateTime utc) => Minutes(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>The Beijing date of a stored UTC time, "2024-12-31".</summary>
    public static string Day(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC instant a Beijing calendar day begins (a date typed into a staff filter).</summary>
    public static DateTime StartUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
}
