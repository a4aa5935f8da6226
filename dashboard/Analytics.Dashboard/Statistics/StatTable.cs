using Analytics.Dashboard.Disclosure;

namespace Analytics.Dashboard.Statistics;

public sealed record StatColumn(string Code, string Name, string Unit);

/// <summary>One area of a public table; <see cref="IsTotal"/> marks the row that is the sum of the others.</summary>
public sealed record StatRow(string Code, string Name, bool IsTotal, IReadOnlyList<DisclosedValue> Cells);

/// <summary>A public table after disclosure control: what the pages, the CSV downloads and the open-data API show.</summary>
public sealed record StatTable(string Id, string Title, string Quarter, IReadOnlyList<StatColumn> Columns, IReadOnlyList<StatRow> Rows);

/// <summary>One indicator of one area over the quarters (趋势), with its 同比 for the latest quarter.</summary>
public sealed record IndicatorTrend(
    StatColumn Indicator,
    string Quarter,
    DisclosedValue Current,
    DisclosedValue? SamePeriodLastYear,
    decimal? YearOnYearPercent,
    IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(string Quarter, DisclosedValue Value);
