using System.Globalization;

namespace Analytics.Metrics.Warehouse.Findings;

/// <summary>The register's columns for CSV (Chinese headers), the same for the command line and the dashboard's download.</summary>
public static class FindingsCsv
{
    public static IReadOnlyList<string> Header { get; } =
        ["编号", "评分方案", "评分期", "街镇", "评分项", "计入输入项", "发现日期", "发现途径", "例数", "问题描述", "佐证材料", "状态", "登记人", "登记时间", "最后修改人", "最后修改时间"];

    public static IEnumerable<IReadOnlyList<string>> Rows(IEnumerable<Finding> findings) => findings.Select(f => (IReadOnlyList<string>)
    [
        f.Id.ToString(CultureInfo.InvariantCulture), f.RubricId, f.Period, TownName(f.TownCode), f.ItemCode, f.InputName,
        f.FoundOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.FoundBy, f.Cases.ToString(CultureInfo.InvariantCulture),
        f.Description, f.Evidence, f.Withdrawn ? "已撤销" : "有效", f.RecordedBy, Time(f.RecordedAt), f.ChangedBy, Time(f.ChangedAt),
    ]);

    /// <summary>The 街镇 name of a dim_region town code ("310105/华阳路街道" → "华阳路街道").</summary>
    public static string TownName(string townCode) => townCode[(townCode.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
