namespace Analytics.Forecasting.Projections;

/// <summary>
/// A count that targets accumulate over the year (新增养老床位, 临时救助人次, 核对委托户次): the indicator whose quarterly
/// town values add up to the year-end figure a target is measured against.
/// </summary>
public sealed record ProjectionKind(string IndicatorCode, string Name, string Unit)
{
    public static IReadOnlyList<ProjectionKind> All { get; } =
    [
        new("eldercare.new_beds", "新增养老床位", "张"),
        new("assistance.temporary_cases", "临时救助人次", "人次"),
        new("hedui.submitted", "核对委托户次", "户次"),
    ];

    public static ProjectionKind? Find(string indicatorCode) => All.FirstOrDefault(k => k.IndicatorCode == indicatorCode);
}
