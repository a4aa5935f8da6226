using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Forecasting.Projections;

/// <summary>
/// A district's year-end projection of one kind at a cut: what is done, the run rate, and the shipped method's projection
/// with its range (the sum of each 街镇's projection widened by the method's backtest 10%–90% relative error, so the range
/// is conservative: 街镇 errors partly cancel in the sum). Where the run rate ships, the projection is the run rate.
/// </summary>
public sealed record DistrictProjection(ProjectionKind Kind, string DistrictCode, int Year, int Quarter, int Towns, decimal ToDate, decimal RunRate,
    ProjectionMethod Method, decimal Projection, decimal Low, decimal High)
{
    /// <summary>Projects the district's towns that have every quarter up to the cut, with a model trained on the years before.</summary>
    public static DistrictProjection For(DuckDBConnection connection, KindBacktest backtest, string districtCode, int year, int quarter)
    {
        if (quarter is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "截点应为 Q1–Q3（Q4 已是全年实际值）");
        }

        var years = TownYear.Read(connection, backtest.Kind);
        var byTown = years.ToDictionary(y => (y.TownKey, y.Year));
        var cut = years.Where(y => y.Year == year && y.DistrictCode == districtCode && y.Quarters.Take(quarter).All(q => q is not null))
            .Select(y => ProjectionExample.At(y, byTown.GetValueOrDefault((y.TownKey, year - 1)), quarter)).ToList();
        var toDate = cut.Sum(e => e.YearToDate);
        var runRate = Math.Round(toDate * 4m / quarter, 2);
        if (backtest.Shipped == ProjectionMethod.RunRate || cut.Count == 0)
        {
            var e = backtest.Error(ProjectionMethod.RunRate);
            return new DistrictProjection(backtest.Kind, districtCode, year, quarter, cut.Count, toDate, runRate, ProjectionMethod.RunRate, runRate,
                Widen(runRate, e.RangeLow, toDate), Widen(runRate, e.RangeHigh, toDate));
        }

        var training = ProjectionBacktest.TrainingSet(ProjectionExample.From(years), year);
        var towns = ProjectionModel.Train(backtest.Shipped, training).Project(cut);
        var error = backtest.Error(backtest.Shipped);
        return new DistrictProjection(backtest.Kind, districtCode, year, quarter, cut.Count, toDate, runRate, backtest.Shipped, towns.Sum(),
            towns.Zip(cut).Sum(p => Widen(p.First, error.RangeLow, p.Second.YearToDate)), towns.Zip(cut).Sum(p => Widen(p.First, error.RangeHigh, p.Second.YearToDate)));
    }

    /// <summary>The projection moved by a relative error in percent, never below what is already done.</summary>
    private static decimal Widen(decimal projection, decimal percent, decimal toDate) => Math.Max(toDate, Math.Round(projection * (1m + percent / 100m), 2));
}
