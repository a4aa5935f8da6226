using Microsoft.ML.Data;

namespace Analytics.Forecasting.Projections;

/// <summary>
/// One training or backtest row: a 街镇's year cut at a quarter (Q1–Q3). The label is what the rest of the year added
/// (year end − year to date), so a projection never falls below what is already done.
/// </summary>
public sealed class ProjectionExample
{
    public const int NumericFeatures = 7;

    /// <summary>Quarter one-hot (3), log(1 + year to date), log(1 + run-rate remainder), last year's share done by this
    /// quarter, log(1 + last-year-shape remainder). Counts enter as logs so Poisson regression's log link makes them powers.</summary>
    [VectorType(NumericFeatures)]
    public float[] Numeric { get; set; } = new float[NumericFeatures];

    public string District { get; set; } = "";

    public string TownType { get; set; } = "";

    public float Label { get; set; }

    /// <summary>The row's source, kept outside the model's columns.</summary>
    [NoColumn]
    public TownYear? Source { get; set; }

    [NoColumn]
    public int Quarter { get; set; }

    [NoColumn]
    public decimal YearToDate { get; set; }

    /// <summary>Share of the year done by <see cref="Quarter"/> in the previous complete year of the 街镇, or the
    /// calendar share (quarter / 4) where there is none or it was empty.</summary>
    [NoColumn]
    public double PriorShare { get; set; }

    /// <summary>The straight-line projection to date × 4 / quarters that targets use today.</summary>
    [NoColumn]
    public decimal RunRate => YearToDate * 4m / Quarter;

    /// <summary>The examples of every complete year at each cut Q1–Q3; <paramref name="years"/> holds every year of the
    /// kind, so the previous year's shape is found when present.</summary>
    public static IReadOnlyList<ProjectionExample> From(IReadOnlyList<TownYear> years)
    {
        var byTown = years.ToDictionary(y => (y.TownKey, y.Year));
        var examples = new List<ProjectionExample>();
        foreach (var year in years.Where(y => y.IsComplete))
        {
            byTown.TryGetValue((year.TownKey, year.Year - 1), out var previous);
            for (var quarter = 1; quarter <= 3; quarter++)
            {
                examples.Add(Cut(year, previous, quarter));
            }
        }

        return examples;
    }

    /// <summary>The example of a year cut at a quarter; only the quarters up to the cut enter the features.</summary>
    public static ProjectionExample At(TownYear year, TownYear? previous, int quarter) => Cut(year, previous, quarter);

    private static ProjectionExample Cut(TownYear year, TownYear? previous, int quarter)
    {
        var toDate = year.YearToDate(quarter);
        var share = previous is { IsComplete: true, YearEnd: > 0m } p ? (double)(p.YearToDate(quarter) / p.YearEnd) : quarter / 4.0;
        var runRateRest = (double)toDate * (4 - quarter) / quarter;
        var shapeRest = share > 0 ? (double)toDate * (1 - share) / share : runRateRest;
        var numeric = new float[NumericFeatures];
        numeric[quarter - 1] = 1f;
        numeric[3] = (float)Math.Log(1 + (double)toDate);
        numeric[4] = (float)Math.Log(1 + runRateRest);
        numeric[5] = (float)share;
        numeric[6] = (float)Math.Log(1 + shapeRest);
        return new ProjectionExample
        {
            Numeric = numeric,
            District = year.DistrictCode,
            TownType = year.TownType,
            Label = (float)(year.YearEnd - toDate),
            Source = year,
            Quarter = quarter,
            YearToDate = toDate,
            PriorShare = share,
        };
    }
}
