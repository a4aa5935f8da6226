using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Leadership;
using Analytics.Reports.Content;
using Analytics.Sources;

namespace Analytics.Dashboard.Statistics;

/// <summary>
/// One public per-capita rate: the disclosed count of its cell ÷ <see cref="Population"/> × the basis's
/// <see cref="PerCapita.Per"/>. A hidden count withholds its rate, shown as <see cref="SuppressionPolicy.WithheldRateMark"/>
/// with the count's <see cref="State"/>; <see cref="Value"/> is null then, and also when the area has no population
/// (未注明街镇), shown as "—".
/// </summary>
public sealed record PublishedRate(decimal? Value, string Display, CellState State, long? Population)
{
    public bool IsHidden => State != CellState.Shown;
}

/// <summary>
/// The rates of a public table, cell for cell: <see cref="Bases"/>[column] is the column's population basis (null where a
/// rate means nothing) and <see cref="Rows"/>[row][column] its rate (null in a column without a basis).
/// </summary>
public sealed record RateTable(IReadOnlyList<PerCapita?> Bases, IReadOnlyList<IReadOnlyList<PublishedRate?>> Rows);

/// <summary>
/// The public per-capita rates beside the counts, with the leaders' comparison definition (<see cref="PerCapita"/>):
/// per 1,000 registered elderly for elderly care, per 10,000 residents otherwise. They are computed from the disclosed
/// counts only, so a rate is never shown where its count is not; the disclosure audit treats each published rate with its
/// population as a further fact (<see cref="PublishedRateFact"/>).
/// </summary>
public sealed class PublicRates(WarehouseFigures figures)
{
    /// <summary>The footnote of every public rate, on the pages, in the CSV and in the open-data API.</summary>
    public const string Note = "按人口：养老服务类每千名户籍老年人，其他每万名常住人口（季度末人口）；数量不予公布的，按人口一并不予公布，显示为“" +
        SuppressionPolicy.WithheldRateMark + "”；没有人口数的（如未注明街镇）显示为“" + SuppressionPolicy.NotAvailableMark + "”。";

    /// <summary>The population quantities the rates divide by, read with the public figures.</summary>
    public static IReadOnlyList<string> PopulationQuantities { get; } = PublicIndicator.All
        .Select(i => PerCapita.For(i.Indicator)?.PopulationIndicator).OfType<string>().Distinct().ToList();

    public static PerCapita? BasisOf(string indicatorCode) => PublicIndicator.Find(indicatorCode) is { } i ? PerCapita.For(i.Indicator) : null;

    /// <summary>The rates of a public table of <paramref name="quarter"/> (街镇 of a district, or the districts of the city).</summary>
    public RateTable For(StatTable table, Quarter quarter)
    {
        var raw = figures.Read();
        var bases = table.Columns.Select(c => BasisOf(c.Code)).ToList();
        var rows = table.Rows
            .Select(row => (IReadOnlyList<PublishedRate?>)row.Cells
                .Select((cell, c) => bases[c] is { } basis ? Rate(cell, basis, Population(raw, basis.PopulationIndicator, quarter, row.Code)) : null)
                .ToList())
            .ToList();
        return new RateTable(bases, rows);
    }

    public static PublishedRate Rate(DisclosedValue count, PerCapita basis, long? population)
    {
        if (count.IsHidden)
        {
            return new PublishedRate(null, SuppressionPolicy.WithheldRateMark, count.State, population);
        }

        return basis.Rate(count.Value, population) is { } rate
            ? new PublishedRate(rate, ChineseNumbers.Rate(rate), CellState.Shown, population)
            : new PublishedRate(null, SuppressionPolicy.NotAvailableMark, CellState.Shown, population);
    }

    /// <summary>
    /// The population of an area at the quarter end: a 街镇's own, a district's or the city's the sum of its 街镇 with a
    /// population; null when none has one (an unassigned remainder, a quarter without reference rows).
    /// </summary>
    private static long? Population(RawFigures raw, string population, Quarter quarter, string area)
    {
        var key = RawFigures.QuarterKey(quarter);
        var towns = area == PublicStatistics.CityCode ? raw.Districts.SelectMany(d => d.Towns)
            : raw.Districts.FirstOrDefault(d => d.Code == area) is { } district ? district.Towns
            : raw.Districts.SelectMany(d => d.Towns).Where(t => t.Code == area);
        var values = towns.Select(t => raw.Populations.TryGetValue((population, key, t.Code), out var v) ? v : (long?)null).OfType<long>().ToList();
        return values.Count == 0 ? null : values.Sum();
    }
}
