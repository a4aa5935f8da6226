using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Forecasting.Projections;

/// <summary>One backtest projection: a 街镇's year end as projected at a cut, beside what the year really came to.</summary>
public sealed record BacktestRow(ProjectionMethod Method, int TownKey, string DistrictCode, int Year, int Quarter, decimal YearToDate, decimal Projection, decimal Actual);

/// <summary>One district-level backtest projection: the district's year end as projected at a cut (the sum of its 街镇's
/// projections; for the run rate, the district's year to date × 4 / quarters), beside the sum of their actual year ends.</summary>
public sealed record DistrictBacktestRow(ProjectionMethod Method, string DistrictCode, int Year, int Quarter, decimal YearToDate, decimal Projection, decimal Actual);

/// <summary>A method's errors over every backtest row of a kind.</summary>
/// <param name="Mae">Mean absolute error in the kind's unit, to 0.01.</param>
/// <param name="Mape">Mean absolute percentage error over the rows whose actual year end is above 0, in percent to 0.01.</param>
/// <param name="RangeLow">The 10th percentile of (actual − projection) / projection, in percent to 0.1: the range's lower edge.</param>
/// <param name="RangeHigh">The 90th percentile of the same: the range's upper edge.</param>
public sealed record MethodError(ProjectionMethod Method, decimal Mae, decimal Mape, int Rows, int MapeRows, decimal RangeLow, decimal RangeHigh);

/// <summary>The backtest of one kind at both levels, 街镇 and district: each method's errors and the method that ships at
/// that level (a model only where it beats the run rate on both MAE and MAPE; of several, the one with the lowest MAE).
/// The district level decides what the target tracker shows, since the targets are district totals.</summary>
public sealed record KindBacktest(ProjectionKind Kind, IReadOnlyList<MethodError> Errors, ProjectionMethod Shipped, IReadOnlyList<BacktestRow> Rows,
    IReadOnlyList<MethodError> DistrictErrors, ProjectionMethod DistrictShipped, IReadOnlyList<DistrictBacktestRow> DistrictRows)
{
    public MethodError Error(ProjectionMethod method) => Errors.Single(e => e.Method == method);

    public MethodError DistrictError(ProjectionMethod method) => DistrictErrors.Single(e => e.Method == method);
}

/// <summary>
/// Backtests year-end projections without leakage: for each target year and cut Q1–Q3, the models are trained only on
/// the years before the target year, then project every 街镇 of the target year from its values up to the cut.
/// </summary>
public static class ProjectionBacktest
{
    public static IReadOnlyList<int> TargetYears { get; } = [2023, 2024];

    public static IReadOnlyList<KindBacktest> Run(DuckDBConnection connection) =>
        ProjectionKind.All.Select(kind => Run(kind, ProjectionExample.From(TownYear.Read(connection, kind)))).ToList();

    /// <summary>The rows a model for <paramref name="targetYear"/> may learn from: only years before it.</summary>
    public static IReadOnlyList<ProjectionExample> TrainingSet(IReadOnlyList<ProjectionExample> examples, int targetYear) =>
        examples.Where(e => e.Source!.Year < targetYear).ToList();

    public static KindBacktest Run(ProjectionKind kind, IReadOnlyList<ProjectionExample> examples)
    {
        var rows = new List<BacktestRow>();
        foreach (var year in TargetYears)
        {
            var training = TrainingSet(examples, year);
            var tested = examples.Where(e => e.Source!.Year == year).ToList();
            if (training.Count == 0 || tested.Count == 0)
            {
                continue;
            }

            rows.AddRange(tested.Select(e => Row(ProjectionMethod.RunRate, e, Math.Round(e.RunRate, 2))));
            foreach (var method in ProjectionMethods.Models)
            {
                var projections = ProjectionModel.Train(method, training).Project(tested);
                rows.AddRange(tested.Select((e, i) => Row(method, e, projections[i])));
            }
        }

        var districtRows = DistrictRows(rows);
        var errors = Errors(rows.Select(r => (r.Method, r.Projection, r.Actual)).ToList());
        var districtErrors = Errors(districtRows.Select(r => (r.Method, r.Projection, r.Actual)).ToList());
        return new KindBacktest(kind, errors, Winner(errors), rows, districtErrors, Winner(districtErrors), districtRows);
    }

    /// <summary>The town rows summed per district, method, year and cut. The run rate is the district's own straight line
    /// (its year to date × 4 / quarters, to 0.01), as the tracker computes it; a model's is the sum of its town projections.</summary>
    private static List<DistrictBacktestRow> DistrictRows(IReadOnlyList<BacktestRow> rows) =>
        rows.GroupBy(r => (r.Method, r.DistrictCode, r.Year, r.Quarter))
            .OrderBy(g => g.Key.Method).ThenBy(g => g.Key.DistrictCode, StringComparer.Ordinal).ThenBy(g => g.Key.Year).ThenBy(g => g.Key.Quarter)
            .Select(g =>
            {
                var toDate = g.Sum(r => r.YearToDate);
                var projection = g.Key.Method == ProjectionMethod.RunRate ? Math.Round(toDate * 4m / g.Key.Quarter, 2) : g.Sum(r => r.Projection);
                return new DistrictBacktestRow(g.Key.Method, g.Key.DistrictCode, g.Key.Year, g.Key.Quarter, toDate, projection, g.Sum(r => r.Actual));
            }).ToList();

    private static List<MethodError> Errors(IReadOnlyList<(ProjectionMethod Method, decimal Projection, decimal Actual)> rows) =>
        Enum.GetValues<ProjectionMethod>().Select(m => Error(m, rows.Where(r => r.Method == m).Select(r => (r.Projection, r.Actual)).ToList())).ToList();

    private static ProjectionMethod Winner(IReadOnlyList<MethodError> errors)
    {
        var runRate = errors.Single(e => e.Method == ProjectionMethod.RunRate);
        return errors.Where(e => e.Method != ProjectionMethod.RunRate && e.Rows > 0 && e.Mae < runRate.Mae && e.Mape < runRate.Mape)
            .OrderBy(e => e.Mae).Select(e => e.Method).DefaultIfEmpty(ProjectionMethod.RunRate).First();
    }

    private static BacktestRow Row(ProjectionMethod method, ProjectionExample e, decimal projection) =>
        new(method, e.Source!.TownKey, e.Source.DistrictCode, e.Source.Year, e.Quarter, e.YearToDate, projection, e.Source.YearEnd);

    private static MethodError Error(ProjectionMethod method, IReadOnlyList<(decimal Projection, decimal Actual)> rows)
    {
        if (rows.Count == 0)
        {
            return new MethodError(method, 0m, 0m, 0, 0, 0m, 0m);
        }

        var mae = rows.Average(r => Math.Abs(r.Projection - r.Actual));
        var positive = rows.Where(r => r.Actual > 0m).ToList();
        var mape = positive.Count == 0 ? 0m : positive.Average(r => Math.Abs(r.Projection - r.Actual) / r.Actual) * 100m;
        var (low, high) = Range(rows);
        return new MethodError(method, Math.Round(mae, 2), Math.Round(mape, 2), rows.Count, positive.Count, low, high);
    }

    /// <summary>The 10th and 90th percentiles of (actual − projection) / projection over the rows, in percent to 0.1.</summary>
    public static (decimal Low, decimal High) Range(IEnumerable<(decimal Projection, decimal Actual)> rows)
    {
        var relative = rows.Where(r => r.Projection > 0m).Select(r => (r.Actual - r.Projection) / r.Projection * 100m).OrderBy(v => v).ToList();
        return (Math.Round(Percentile(relative, 0.10), 1), Math.Round(Percentile(relative, 0.90), 1));
    }

    /// <summary>Nearest-rank percentile of sorted values (0 when there are none).</summary>
    private static decimal Percentile(IReadOnlyList<decimal> sorted, double p) =>
        sorted.Count == 0 ? 0m : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
