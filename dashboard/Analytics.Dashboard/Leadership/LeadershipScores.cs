using System.Globalization;
using Analytics.Dashboard.Security;
using Analytics.Dashboard.Statistics;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Forecasting;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Learned;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Leadership;

/// <summary>A district's scorecard for one rubric and period: ranking, previous period used for the change, anomaly flags.</summary>
public sealed record Scorecard(DistrictScore Score, AssessmentPeriod? PreviousPeriod, IReadOnlyList<ScorecardRow> Rows, IReadOnlyList<AnomalyFlag> Flags)
{
    public Rubric Rubric => Score.Rubric;

    public AssessmentPeriod Period => Score.Period;

    /// <summary>A district rubric's per-target tracker and 街镇 breakdown; null for a rubric that scores 街镇.</summary>
    public DistrictTracker? Tracker { get; init; } = DistrictTracker.Of(Score);

    /// <summary>Sections shown in the heat map: those with points of their own (standard and bonus).</summary>
    public IReadOnlyList<RubricSection> HeatSections => Rubric.Sections.Where(s => s.Kind != SectionKind.Deduction).ToList();

    /// <summary>A town's section score as a percentage of the section maximum for this period; null when the section has no points this period.</summary>
    public static decimal? Share(RubricResult result, string sectionCode) => ScorecardRow.SectionShare(result, sectionCode);
}

/// <summary>
/// Scores for the leadership pages (局领导): the metrics layer's <see cref="TownScorer"/> and anomaly detectors over the
/// warehouse. A rubric and period's scores and scorecard are computed once per data, judgement and flag-review version
/// and access scope (<see cref="LeaderPageCache"/>), not per request; the anomaly flags scan the payment facts (seconds) and change only
/// with the data, so they are kept per data version.
/// </summary>
public sealed class LeadershipScores(WarehouseDatabase warehouse, PublicStatistics statistics, LeaderPageCache cache)
{
    // Refreshing metric tables writes to the warehouse: one request at a time.
    private readonly Lock _gate = new();

    // One reference, replaced as a whole; read and written under _gate.
    private FlagSnapshot? _flags;

    public static IReadOnlyList<Rubric> Rubrics => RubricCatalog.All;

    /// <summary>The per-version cache of what the leader pages show (the profile and comparison use it too).</summary>
    public LeaderPageCache Cache => cache;

    /// <summary>The four quarters and the whole year of a rubric.</summary>
    public static IReadOnlyList<AssessmentPeriod> Periods(Rubric rubric) => AssessmentPeriod.OfYear(rubric.Year);

    /// <summary>Whether the warehouse holds data for (some of) the period.</summary>
    public bool HasData(AssessmentPeriod period) =>
        statistics.Quarters().Any(q => q.Year == period.Year && (period.Quarter is not { } n || q.Number == n));

    /// <summary>The rubrics of the districts a user may see (the pickers of the staff pages).</summary>
    public static IReadOnlyList<Rubric> RubricsIn(DistrictScope scope) => Rubrics.Where(r => scope.Allows(r.District.Code)).ToList();

    /// <summary>
    /// The requested rubric when it is one of <paramref name="scope"/>'s districts, else the first of them whose year has
    /// data, else the first of them (<see cref="DistrictScopeMiddleware"/> has already answered 404 for another district's).
    /// </summary>
    public Rubric ResolveRubric(string? id, DistrictScope scope)
    {
        var allowed = RubricsIn(scope);
        return (id is null ? null : allowed.FirstOrDefault(r => r.Id == id))
            ?? allowed.FirstOrDefault(r => Periods(r).Any(HasData))
            ?? allowed.FirstOrDefault()
            ?? throw new InvalidOperationException("The user's districts have no rubric.");
    }

    /// <summary>
    /// The requested period of the rubric's year, else (an annual scheme is assessed only for the year) the year, else
    /// its latest quarter with data, else the year.
    /// </summary>
    public AssessmentPeriod ResolvePeriod(Rubric rubric, string? text)
    {
        if (AssessmentPeriod.TryParse(text, out var period) && period.Year == rubric.Year)
        {
            return period;
        }

        return rubric.IsAnnual
            ? AssessmentPeriod.ForYear(rubric.Year)
            : Periods(rubric).Where(p => p.IsQuarter && HasData(p)).LastOrDefault() ?? AssessmentPeriod.ForYear(rubric.Year);
    }

    /// <summary>The previous period of the same scheme (<see cref="AssessmentPeriod.PreviousInScheme"/>) when the warehouse has data for it.</summary>
    public AssessmentPeriod? Previous(AssessmentPeriod period) =>
        period.PreviousInScheme is { } previous && HasData(previous) ? previous : null;

    /// <summary>
    /// Runs a read on the warehouse after bringing the metric tables up to date (under the same gate as scoring). It never
    /// trains: the learned outputs (model projections, combination flags) are those stored for the current data, or none
    /// while <see cref="TrainLearnedOutputs"/> runs, which the readers state (<see cref="DistrictTracker.PendingMethod"/>).
    /// </summary>
    public T Read<T>(Func<DuckDBConnection, T> query)
    {
        lock (_gate)
        {
            using var connection = warehouse.Connect();
            IndicatorEngine.RefreshIfStale(connection);
            return query(connection);
        }
    }

    /// <summary>
    /// Trains and stores the learned outputs of the current data when they are stale (seconds; the warm-up calls it after
    /// a load), outside the gate, so pages read meanwhile. A new stamp of the outputs empties <see cref="Cache"/>, so the
    /// next page shows them. <paramref name="beforeStore"/>: see <see cref="LearnedRefresh.RefreshIfStale"/>.
    /// </summary>
    public LearnedRefreshResult? TrainLearnedOutputs(Action? beforeStore = null)
    {
        using var connection = warehouse.Connect();
        // Training reads the metric tables: current first (a no-op when a page or the warm-up already refreshed them).
        IndicatorEngine.RefreshIfStale(connection);
        return LearnedRefresh.RefreshIfStale(connection, beforeStore);
    }

    /// <summary>
    /// <see cref="TrainLearnedOutputs"/> in the background for the warm-up and the briefing job: a failed training is logged
    /// and the readers say so (<see cref="DistrictTracker.FailedMethod"/>); scores and briefings go on without the models.
    /// Null when nothing was trained (current already, or failed).
    /// </summary>
    public async Task<LearnedRefreshResult?> TryTrainLearnedOutputsAsync(ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => TrainLearnedOutputs(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Training the learned outputs failed; pages show 按季度均速外推 and say so: {Message}", ex.Message);
            return null;
        }
    }

    /// <summary>Just the district's scores (no previous period, no anomaly flags), for the drill-down.</summary>
    public DistrictScore Score(Rubric rubric, AssessmentPeriod period, DistrictScope scope) =>
        cache.GetOrAdd($"score|{rubric.Id}|{period}", scope, [rubric.District.Code], visible =>
        {
            Require(visible, rubric);
            return Read(connection => new TownScorer(connection).Score(rubric, period, store: false));
        });

    public Scorecard Scorecard(Rubric rubric, AssessmentPeriod period, DistrictScope scope) =>
        cache.GetOrAdd($"scorecard|{rubric.Id}|{period}", scope, [rubric.District.Code], visible =>
        {
            Require(visible, rubric);
            return Read(connection =>
            {
                var scorer = new TownScorer(connection);
                var score = scorer.Score(rubric, period, store: false);
                var previousPeriod = Previous(period);
                var rows = ScorecardRow.Of(score, previousPeriod is null ? null : scorer.Score(rubric, previousPeriod, store: false));
                var flags = AnomalyDetection.InPeriod(Flags(connection), period.ToString())
                    .Where(f => f.DistrictCode == rubric.District.Code)
                    .ToList();
                return new Scorecard(score, previousPeriod, rows, flags) { Tracker = DistrictTracker.Read(connection, score) };
            });
        });

    /// <summary>
    /// Refuses another district's rubric: <see cref="DistrictScopeMiddleware"/> answers 404 before a page gets here and
    /// <see cref="ResolveRubric"/> picks only the user's, so reaching this is a bug, never a page to show.
    /// </summary>
    public static void Require(DistrictScope scope, Rubric rubric)
    {
        if (!scope.Allows(rubric.District.Code))
        {
            throw new InvalidOperationException($"The rubric {rubric.Id} is outside the user's districts.");
        }
    }

    /// <summary>
    /// Writes every rubric's current scores (score_result, score_item) and the current anomaly flags (anomaly_flag) to the
    /// warehouse, so SQL over the warehouse (the console's snapshot, <c>./analytics sql</c>) sees what the pages show.
    /// </summary>
    public void StoreResults() => Read(connection =>
    {
        ScoreAll.Run(connection);
        AnomalyDetection.Store(connection, Flags(connection));
        return true;
    });

    /// <summary>Every anomaly flag of every loaded quarter (the flags page).</summary>
    public IReadOnlyList<AnomalyFlag> AllFlags() => Read(Flags);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every anomaly flag of the current data; computed once per <see cref="WarehouseDatabase.DataVersion"/> and stamp of
    /// the learned outputs (the combination flags join the list when their training commits). Call under the gate.
    /// </summary>
    private IReadOnlyList<AnomalyFlag> Flags(DuckDBConnection connection)
    {
        // Read the versions before computing: a load or training committing meanwhile leaves the older ones stored, so the next request recomputes.
        var version = (warehouse.DataVersion, LearnedOutputs.Stamp(connection));
        if (_flags is { } cached && cached.Version == version)
        {
            return cached.Flags;
        }

        var flags = AnomalyDetection.Run(connection, store: false);
        _flags = new FlagSnapshot(version, flags);
        return flags;
    }

    private sealed record FlagSnapshot((long Data, string? Learned) Version, IReadOnlyList<AnomalyFlag> Flags);
}
