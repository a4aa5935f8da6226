using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Forecasting.Projections;

/// <summary>
/// A district's year-end projection of one kind at a cut: what is done, the run rate, and the method shipped at district
/// level with its projection and an 80% range (the projection moved by the 10th and 90th percentile relative errors of
/// the method's district-level backtests at the same cut quarter, never below what is done). Where the run rate ships,
/// the projection is the run rate.
/// </summary>
/// <param name="Method">How it was made, in a sentence a leader reads ("方法：…").</param>
public sealed record DistrictProjection(ProjectionKind Kind, string DistrictCode, int Year, int Quarter, int Towns, decimal ToDate, decimal RunRate,
    ProjectionMethod Shipped, decimal Projection, decimal Low, decimal High, string Method)
{
    /// <summary>One district's projection at a cut; the same computation as <see cref="All"/>, so both give the same figures.</summary>
    public static DistrictProjection For(DuckDBConnection connection, KindBacktest backtest, string districtCode, int year, int quarter)
    {
        if (quarter is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "截点应为 Q1–Q3（Q4 已是全年实际值）");
        }

        var years = TownYear.Read(connection, backtest.Kind);
        return Project(backtest, years, Model(backtest, years, year), districtCode, year, quarter);
    }

    /// <summary>Every district's projection at every cut Q1–Q3 of every year with data up to that cut; the shipped model
    /// of a year is trained once, on the years before it.</summary>
    public static IReadOnlyList<DistrictProjection> All(DuckDBConnection connection, KindBacktest backtest)
    {
        var years = TownYear.Read(connection, backtest.Kind);
        var projections = new List<DistrictProjection>();
        foreach (var year in years.Select(y => y.Year).Distinct().Order())
        {
            var model = Model(backtest, years, year);
            foreach (var district in years.Where(y => y.Year == year).Select(y => y.DistrictCode).Distinct().Order(StringComparer.Ordinal))
            {
                for (var quarter = 1; quarter <= 3; quarter++)
                {
                    var p = Project(backtest, years, model, district, year, quarter);
                    if (p.Towns > 0)
                    {
                        projections.Add(p);
                    }
                }
            }
        }

        return projections;
    }

    /// <summary>The shipped model trained on the years before <paramref name="year"/>; null where the run rate ships or
    /// there is no earlier year to learn from.</summary>
    private static ProjectionModel? Model(KindBacktest backtest, IReadOnlyList<TownYear> years, int year)
    {
        if (backtest.DistrictShipped == ProjectionMethod.RunRate)
        {
            return null;
        }

        var training = ProjectionBacktest.TrainingSet(ProjectionExample.From(years), year);
        return training.Count == 0 ? null : ProjectionModel.Train(backtest.DistrictShipped, training);
    }

    private static DistrictProjection Project(KindBacktest backtest, IReadOnlyList<TownYear> years, ProjectionModel? model, string districtCode, int year, int quarter)
    {
        var byTown = years.ToDictionary(y => (y.TownKey, y.Year));
        var cut = years.Where(y => y.Year == year && y.DistrictCode == districtCode && y.Quarters.Take(quarter).All(q => q is not null))
            .Select(y => ProjectionExample.At(y, byTown.GetValueOrDefault((y.TownKey, year - 1)), quarter)).ToList();
        var toDate = cut.Sum(e => e.YearToDate);
        var runRate = Math.Round(toDate * 4m / quarter, 2);
        var method = model is null || cut.Count == 0 ? ProjectionMethod.RunRate : model.Method;
        var projection = method == ProjectionMethod.RunRate ? runRate : model!.Project(cut).Sum();
        // The range comes from the district backtests at the same cut: a Q1 projection is far less certain than a Q3 one.
        var (low, high) = ProjectionBacktest.Range(backtest.DistrictRows.Where(r => r.Method == method && r.Quarter == quarter).Select(r => (r.Projection, r.Actual)));
        return new DistrictProjection(backtest.Kind, districtCode, year, quarter, cut.Count, toDate, runRate, method, projection,
            Widen(projection, low, toDate), Widen(projection, high, toDate), Describe(backtest, method, years.Min(y => y.Year), year));
    }

    /// <summary>The projection moved by a relative error in percent, never below what is already done.</summary>
    private static decimal Widen(decimal projection, decimal percent, decimal toDate) => Math.Max(toDate, Math.Round(projection * (1m + percent / 100m), 2));

    private static string Describe(KindBacktest backtest, ProjectionMethod method, int firstYear, int year)
    {
        var runRate = backtest.DistrictError(ProjectionMethod.RunRate);
        if (method == ProjectionMethod.RunRate)
        {
            return backtest.DistrictShipped == ProjectionMethod.RunRate
                ? $"方法：按季度均速外推（回归模型区级回测误差未低于直线外推，区级回测平均绝对误差 {Num(runRate.Mae)}{backtest.Kind.Unit}）"
                : "方法：按季度均速外推（没有更早的年份可供模型训练）";
        }

        var model = backtest.DistrictError(method);
        var training = firstYear == year - 1 ? $"{firstYear} 年" : $"{firstYear}–{year - 1} 年";
        return $"方法：{method.Name()}，按季节与年内累计训练（{training}各街镇），区级回测平均绝对误差 {Num(model.Mae)}{backtest.Kind.Unit}，" +
               $"低于直线外推的 {Num(runRate.Mae)}{backtest.Kind.Unit}；区间为同一截点区级回测误差的 10%–90% 分位（80% 区间）";
    }

    private static string Num(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);
}
