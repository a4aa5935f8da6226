using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Improvement;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Reports.Content;

/// <summary>
/// Reads everything the briefings of one period show, once: each district is scored once (with the metrics layer's
/// <see cref="TownScorer"/>, exactly as `./analytics score` and the leadership pages do) and its towns' scorecards
/// reuse that score; anomaly flags are detected once for all districts.
/// </summary>
public sealed class BriefingReader(DuckDBConnection connection)
{
    /// <summary>The briefing of every district with a rubric (or one district), for a period the warehouse has data for.</summary>
    /// <exception cref="BriefingNoDataException">The warehouse holds no data for the period.</exception>
    public IReadOnlyList<DistrictBriefing> Read(AssessmentPeriod period, DateTimeOffset generatedAt, string? districtCode = null)
    {
        var stamp = DataStamp.Read(connection);
        if (!stamp.Covers(period))
        {
            throw new BriefingNoDataException(period);
        }

        var districts = RubricChoice.Districts.Where(d => districtCode is null || d.Code == districtCode).ToList();
        if (districts.Count == 0)
        {
            throw new ArgumentException($"没有区划代码为 {districtCode} 的评分方案 (no rubric for district {districtCode})", nameof(districtCode));
        }

        // A flag already handled (已核实 / 数据已更正 / 已整改) is not repeated unless its figures changed since.
        var reviews = new FlagReviewStore(connection).Current();
        var flags = AnomalyDetection.InPeriod(AnomalyDetection.Run(connection, store: false), period.ToString())
            .Where(f => FlagReviewStore.NeedsReporting(f, reviews.GetValueOrDefault(FlagReviewStore.Key(f))))
            .ToList();
        var scorer = new TownScorer(connection);
        var figures = new IndicatorFigures(connection);
        var result = new List<DistrictBriefing>(districts.Count);
        foreach (var district in districts)
        {
            var choice = RubricChoice.For(district.Code, period.Year)!;
            var score = scorer.Score(choice.Rubric, period, store: false);
            var previousPeriod = Previous(period, stamp);
            var previous = previousPeriod is null ? null : scorer.Score(choice.Rubric, previousPeriod, store: false);
            var briefingStamp = new BriefingStamp(Issuer(district), DocumentNumber(district, period), generatedAt, stamp.AsOf, stamp.Version,
                choice.Source.Id, choice.Source.Version, JudgementVersion.Read(connection, choice.Source.Id), choice.Note);
            var targets = score.District.Result.Items.Where(i => i.Target is not null).Select(i => new TargetLine(i.Code, i.Name, i.Target!)).ToList();
            result.Add(new DistrictBriefing(briefingStamp, choice.Rubric, period, previous is null ? null : previousPeriod, score,
                ScorecardRow.Of(score, previous),
                figures.Headlines(district.Code, period),
                figures.Trends(district.Code, period),
                flags.Where(f => f.DistrictCode == district.Code).OrderBy(f => SeverityOrder(f.Severity)).ThenBy(f => f.TownName, StringComparer.Ordinal).ToList(),
                targets,
                figures.TownsAgainstMedian(district.Code, period))
            {
                Improvements = Improvements(choice.Rubric, period),
                Tracker = DistrictTracker.Read(connection, score),
            });
        }

        return result;
    }

    /// <summary>Every town's 提分建议 from one read of the district's inputs (the planner re-scores each town among the others).</summary>
    private Dictionary<string, ImprovementPlan> Improvements(Rubric rubric, AssessmentPeriod period)
    {
        if (!rubric.RanksTowns)
        {
            return [];
        }

        var towns = new RubricInputBuilder(connection).Build(rubric, period).Where(u => !u.Unit.IsDistrict)
            .Select(u => new PlannerTown(u.Unit.Code, u.Unit.Name, u.Inputs)).ToList();
        return towns.ToDictionary(t => t.Code, t => ImprovementPlanner.Plan(rubric, t.Code, towns));
    }

    /// <summary>上海市松江区民政局.</summary>
    public static string Issuer(District district) => $"上海市{district.Name}民政局";

    /// <summary>松民政简〔2024〕第4号: the district's first character, the year, and the quarter (第5号 for the year's briefing).</summary>
    public static string DocumentNumber(District district, AssessmentPeriod period) =>
        $"{district.Name[0]}民政简〔{period.Year}〕第{period.Quarter ?? 5}号";

    /// <summary>The previous period of the same scheme (<see cref="AssessmentPeriod.PreviousInScheme"/>) when the warehouse holds data for it.</summary>
    public static AssessmentPeriod? Previous(AssessmentPeriod period, DataStamp stamp) =>
        period.PreviousInScheme is { } previous && stamp.Covers(previous) ? previous : null;

    private static int SeverityOrder(string severity) => severity switch { Severity.High => 0, Severity.Medium => 1, _ => 2 };
}

/// <summary>The warehouse holds no data for the requested period: nothing is generated, and the message says why.</summary>
public sealed class BriefingNoDataException(AssessmentPeriod period)
    : Exception($"数据仓库中没有 {period} 的数据，未生成简报 (no data for period {period}; no briefing written)")
{
    public AssessmentPeriod Period { get; } = period;
}
