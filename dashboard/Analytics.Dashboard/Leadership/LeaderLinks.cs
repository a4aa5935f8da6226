using Analytics.Metrics;

namespace Analytics.Dashboard.Leadership;

/// <summary>The drill-down links of the leadership pages, in one place so that every number links the same way.</summary>
public static class LeaderLinks
{
    public static string Scorecard(Rubric rubric, AssessmentPeriod period) =>
        $"/leader/scorecard?rubric={Uri.EscapeDataString(rubric.Id)}&period={period}";

    /// <summary>The 街镇's items (评分明细), optionally at a section (<c>section-S1</c>) or an item (<c>item-S1.1</c>).</summary>
    public static string Town(Rubric rubric, AssessmentPeriod period, string town, string? anchor = null) =>
        $"/leader/scorecard/town?rubric={Uri.EscapeDataString(rubric.Id)}&period={period}&town={Uri.EscapeDataString(town)}" +
        (anchor is null ? "" : "#" + anchor);

    public static string Profile(Rubric rubric, AssessmentPeriod period, string town) =>
        $"/leader/scorecard/profile?rubric={Uri.EscapeDataString(rubric.Id)}&period={period}&town={Uri.EscapeDataString(town)}";

    /// <summary>The 街镇's 提分建议 (only for rubrics that rank 街镇).</summary>
    public static string Improve(Rubric rubric, AssessmentPeriod period, string town) =>
        $"/leader/scorecard/improve?rubric={Uri.EscapeDataString(rubric.Id)}&period={period}&town={Uri.EscapeDataString(town)}";

    /// <summary>The 街镇's 自评报告 draft (.docx) for the rubric's year.</summary>
    public static string SelfReport(Rubric rubric, string town) =>
        $"/api/leader/self-report?rubric={Uri.EscapeDataString(rubric.Id)}&town={Uri.EscapeDataString(town)}";

    /// <summary>A download of the 街镇's items; <paramref name="format"/> is csv or xlsx.</summary>
    public static string TownDownload(Rubric rubric, AssessmentPeriod period, string town, string format) =>
        $"/api/leader/scorecard/town?rubric={Uri.EscapeDataString(rubric.Id)}&period={period}&town={Uri.EscapeDataString(town)}&format={format}";

    public static string Section(string code) => "section-" + code;

    public static string Item(string code) => "item-" + code;
}
