namespace Analytics.Dashboard.Methodology;

/// <summary>One indicator's methodology (指标说明): what it measures, how it is computed, where it comes from and how it is disclosed.</summary>
/// <param name="Public">Shown on the public pages and in the open-data API (a suppressed count); otherwise used by scoring and analysis only.</param>
/// <param name="Formula">The computation in words.</param>
/// <param name="Sql">The definition as SQL over the warehouse's facts.</param>
/// <param name="UsedBy">Rubric items that use the indicator's quantities, as "评分方案 编号 名称".</param>
public sealed record IndicatorMethod(
    string Code,
    string Name,
    string? NameEn,
    string Unit,
    string Direction,
    string Domain,
    string Source,
    string Formula,
    string Sql,
    string Disclosure,
    bool Public,
    IReadOnlyList<string> UsedBy);
