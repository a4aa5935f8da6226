using System.Globalization;
using Analytics.Dashboard.Api;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Statistics;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Leadership;

/// <summary>A district's scorecard for one rubric and period: ranking, previous period used for the change, anomaly flags.</summary>
public sealed record Scorecard(DistrictScore Score, AssessmentPeriod? PreviousPeriod, IReadOnlyList<ScorecardRow> Rows, IReadOnlyList<AnomalyFlag> Flags)
{
    public Rubric Rubric => Score.Rubric;

    public AssessmentPeriod Period => Score.Period;

    /// <summary>Sections shown in the heat map: those with points of their own (standard and bonus).</summary>
    public IReadOnlyList<RubricSection> HeatSections => Rubric.Sections.Where(s => s.Kind != SectionKind.Deduction).ToList();

    /// <summary>A town's section score as a percentage of the section maximum for this period; null when the section has no points this period.</summary>
    public static decimal? Share(RubricResult result, string sectionCode) => ScorecardRow.SectionShare(result, sectionCode);
}

/// <summary>Scores for the leadership pages (局领导): the metrics layer's <see cref="TownScorer"/> and anomaly detectors over the warehouse.</summary>
public sealed class LeadershipScores(WarehouseDatabase warehouse, PublicStatistics statistics)
{
    // Refreshing metric tables writes to the warehouse: one request at a time.
    private readonly Lock _gate = new();

    public static IReadOnlyList<Rubric> Rubrics => RubricCatalog.All;

    /// <summary>The four quarters and the whole year of a rubric.</summary>
    public static IReadOnlyList<AssessmentPeriod> Periods(Rubric rubric) =>
        [.. Enumerable.Range(1, 4).Select(q => AssessmentPeriod.ForQuarter(rubric.Year, q)), AssessmentPeriod.ForYear(rubric.Year)];

    /// <summary>Whether the warehouse holds data for (some of) the period.</summary>
    public bool HasData(AssessmentPeriod period) =>
        statistics.Quarters().Any(q => q.Year == period.Year && (period.Quarter is not { } n || q.Number == n));

    /// <summary>The requested rubric, else the first whose year has data, else the first shipped.</summary>
    public Rubric ResolveRubric(string? id) =>
        (id is null ? null : RubricCatalog.Find(id))
        ?? Rubrics.FirstOrDefault(r => Periods(r).Any(HasData))
        ?? Rubrics[0];

    /// <summary>The requested period of the rubric's year, else its latest quarter with data, else the year.</summary>
    public AssessmentPeriod ResolvePeriod(Rubric rubric, string? text)
    {
        if (AssessmentPeriod.TryParse(text, out var period) && period.Year == rubric.Year)
        {
            return period;
        }

        return Periods(rubric).Where(p => p.IsQuarter && HasData(p)).LastOrDefault() ?? AssessmentPeriod.ForYear(rubric.Year);
    }

    /// <summary>The period before: the previous quarter (or previous year) when the warehouse has data for it.</summary>
    public AssessmentPeriod? Previous(AssessmentPeriod period)
    {
        var previous = period.Quarter switch
        {
            null => AssessmentPeriod.ForYear(period.Year - 1),
            1 => AssessmentPeriod.ForQuarter(period.Year - 1, 4),
            { } q => AssessmentPeriod.ForQuarter(period.Year, q - 1),
        };
        return HasData(previous) ? previous : null;
    }

    /// <summary>Just the district's scores (no previous period, no anomaly flags), for the drill-down.</summary>
    public DistrictScore Score(Rubric rubric, AssessmentPeriod period)
    {
        lock (_gate)
        {
            using var connection = warehouse.Connect();
            IndicatorEngine.RefreshIfStale(connection);
            return new TownScorer(connection).Score(rubric, period, store: false);
        }
    }

    public Scorecard Scorecard(Rubric rubric, AssessmentPeriod period)
    {
        lock (_gate)
        {
            using var connection = warehouse.Connect();
            IndicatorEngine.RefreshIfStale(connection);
            var scorer = new TownScorer(connection);
            var score = scorer.Score(rubric, period, store: false);
            var previousPeriod = Previous(period);
            var rows = ScorecardRow.Of(score, previousPeriod is null ? null : scorer.Score(rubric, previousPeriod, store: false));
            var flags = AnomalyDetection.InPeriod(AnomalyDetection.Run(connection, store: false), period.ToString())
                .Where(f => f.DistrictCode == rubric.District.Code)
                .ToList();
            return new Scorecard(score, previousPeriod, rows, flags);
        }
    }

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Endpoints of the leadership pages.</summary>
public static class LeadershipEndpoints
{
    /// <summary>The ranking table as CSV: GET /api/leader/scorecard?rubric=&amp;period=&amp;format=csv (局领导 and 管理员).</summary>
    public static IEndpointRouteBuilder MapLeadershipEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/leader/scorecard", (LeadershipScores scores, string? rubric, string? period) =>
            {
                var r = scores.ResolveRubric(rubric);
                var card = scores.Scorecard(r, scores.ResolvePeriod(r, period));
                return Csv.File($"scorecard-{r.Id}-{card.Period}", ["名次", "街镇代码", "街镇", "总分", "满分", "等级", "上期名次", "名次变化"],
                    card.Rows.Select(row => (IReadOnlyList<string?>)
                    [
                        row.Town.Rank.ToString(CultureInfo.InvariantCulture), row.Town.Town.TownCode, row.Town.Town.TownName,
                        LeadershipScores.Number(row.Town.Town.Result.Total), LeadershipScores.Number(row.Town.Town.Result.Maximum), row.Town.Town.Result.GradeLabel,
                        row.PreviousRank?.ToString(CultureInfo.InvariantCulture), row.ChangeLabel,
                    ]));
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Leader, Roles.Admin))
            .ExcludeFromDescription();
        return endpoints;
    }
}
