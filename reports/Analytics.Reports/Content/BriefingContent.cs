using Analytics.Metrics;
using Analytics.Metrics.Improvement;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Reports.Content;

/// <summary>What every page of a document states: who issued it, its number, and which data and rubric it was made from.</summary>
/// <param name="DataVersion">Changes whenever any load changes (see <see cref="DataStamp"/>).</param>
/// <param name="JudgementVersion">The rubric's judgements and findings when read (<see cref="Metrics.Warehouse.Scoring.JudgementVersion"/>).</param>
/// <param name="RubricNote">Set when the district has no rubric of the period's year and the nearest one is applied.</param>
public sealed record BriefingStamp(
    string Issuer,
    string DocumentNumber,
    DateTimeOffset GeneratedAt,
    DateTimeOffset? DataAsOf,
    string DataVersion,
    string RubricId,
    string RubricVersion,
    string JudgementVersion,
    string? RubricNote);

/// <summary>A headline figure (主要指标) of the district for the period with its 同比 and 环比.</summary>
/// <param name="YearOnYearChange">Absolute change against the same period of last year (percentage points for a rate).</param>
public sealed record HeadlineFigure(
    Indicator Indicator,
    decimal? Value,
    decimal? YearOnYearPercent,
    decimal? YearOnYearChange,
    decimal? QuarterOnQuarterPercent,
    decimal? QuarterOnQuarterChange);

/// <summary>One district-level value of an indicator in a quarter, for the trend charts.</summary>
public sealed record TrendPoint(string Quarter, decimal? Value);

/// <summary>An indicator's district values over the quarters up to the period.</summary>
public sealed record IndicatorTrend(Indicator Indicator, IReadOnlyList<TrendPoint> Points);

/// <summary>A district annual target (普陀-style 目标跟踪) and how far it has come.</summary>
public sealed record TargetLine(string ItemCode, string ItemName, TargetProgress Progress);

/// <summary>A town's value of an indicator against the median of its district's towns.</summary>
public sealed record TownIndicator(Indicator Indicator, decimal? Value, decimal? DistrictMedian)
{
    /// <summary>Against the median as the indicator defines it (direction and tolerance, <see cref="Indicator.CompareWith"/>).</summary>
    public string? Comparison => Indicator.CompareWith(Value, DistrictMedian);
}

/// <summary>A district's briefing (季度简报) for one period: everything the document shows, computed once.</summary>
/// <param name="PreviousPeriod">The period the rank change is measured against; null when it has no data.</param>
public sealed record DistrictBriefing(
    BriefingStamp Stamp,
    Rubric Rubric,
    AssessmentPeriod Period,
    AssessmentPeriod? PreviousPeriod,
    DistrictScore Score,
    IReadOnlyList<ScorecardRow> Rows,
    IReadOnlyList<HeadlineFigure> Headlines,
    IReadOnlyList<IndicatorTrend> Trends,
    IReadOnlyList<AnomalyFlag> Flags,
    IReadOnlyList<TargetLine> Targets,
    IReadOnlyDictionary<string, IReadOnlyList<TownIndicator>> TownIndicators)
{
    public string DistrictName => Rubric.District.Name;

    /// <summary>A district rubric's per-target tracker and 街镇 breakdown; null for a rubric that scores 街镇.</summary>
    public DistrictTracker? Tracker { get; init; } = DistrictTracker.Of(Score);

    public string DistrictCode => Rubric.District.Code;

    /// <summary>Sections shown in the heat map: those with points of their own (standard and bonus), as on the dashboard.</summary>
    public IReadOnlyList<RubricSection> HeatSections => Rubric.Sections.Where(s => s.Kind != SectionKind.Deduction).ToList();

    /// <summary>The flags about one town.</summary>
    public IReadOnlyList<AnomalyFlag> FlagsOf(string townName) => Flags.Where(f => f.TownName == townName).ToList();

    /// <summary>Each town's 提分建议 by town code; empty for a district target tracker, which ranks no town.</summary>
    public IReadOnlyDictionary<string, ImprovementPlan> Improvements { get; init; } = new Dictionary<string, ImprovementPlan>();
}

/// <summary>
/// One town's document: its scorecard (成绩单, its row of the district briefing with the district's numbers for
/// comparison), or under a district target tracker its contribution sheet (贡献明细), which scores nothing.
/// </summary>
public sealed record TownScorecard(DistrictBriefing District, ScorecardRow Row, int Sequence, BriefingStamp Stamp)
{
    public TownResult Town => Row.Town.Town;

    /// <summary>The town's contribution sheet when the district rubric scores the district as a whole; null for a 成绩单.</summary>
    public TownContribution? Contribution => District.Tracker?.Town(Town.TownCode);

    /// <summary>The document's title: 长风新村街道2024年第四季度目标贡献明细, or 岳阳街道2024年第四季度考核成绩单.</summary>
    public string Title => $"{Town.TownName}{ChineseNumbers.PeriodLabel(District.Period)}{(Contribution is null ? "考核成绩单" : "目标贡献明细")}";

    public IReadOnlyList<TownIndicator> Indicators => District.TownIndicators.GetValueOrDefault(Town.TownCode) ?? [];

    public IReadOnlyList<AnomalyFlag> Flags => District.FlagsOf(Town.TownName);

    public ImprovementPlan? Improvement => District.Improvements.GetValueOrDefault(Town.TownCode);
}
