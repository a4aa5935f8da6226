using System.Globalization;
using Analytics.Dashboard.Methodology;
using Analytics.Dashboard.Statistics;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Sources;

namespace Analytics.Dashboard.Api;

/// <summary>
/// A per-capita rate column of the open-data 街镇 table: the count it divides (<see cref="Indicator"/>), per how many of
/// which population, where that population comes from and the date it stands at (the quarter's last day).
/// </summary>
public sealed record RateColumn(
    string Indicator,
    string Name,
    string Unit,
    string Basis,
    decimal Per,
    string Population,
    string PopulationName,
    string PopulationSource,
    string PopulationAsOf);

/// <summary>The rates of one row, in the order of <see cref="TownTableRates.Columns"/>.</summary>
public sealed record RateRow(string Code, string Name, bool IsTotal, IReadOnlyList<PublishedRate> Rates);

/// <summary>The per-capita rates beside the counts, as the public district and 街镇 pages show them, with their footnote.</summary>
public sealed record TownTableRates(IReadOnlyList<RateColumn> Columns, IReadOnlyList<RateRow> Rows, string Note);

/// <summary>
/// GET /api/v1/districts/{district}/towns: the suppressed counts of a district's 街镇 (the fields of <see cref="StatTable"/>)
/// and their per-capita rates (<see cref="Rates"/>), under the same disclosure rules: a rate of a hidden count is withheld.
/// </summary>
public sealed record TownTableAnswer(
    string Id,
    string Title,
    string Quarter,
    IReadOnlyList<StatColumn> Columns,
    IReadOnlyList<StatRow> Rows,
    TownTableRates Rates)
{
    public static TownTableAnswer From(StatTable table, RateTable rates, Quarter quarter)
    {
        var rated = Enumerable.Range(0, table.Columns.Count).Where(c => rates.Bases[c] is not null).ToList();
        var columns = rated.Select(c => Column(table.Columns[c], rates.Bases[c]!, quarter)).ToList();
        var rows = table.Rows
            .Select((row, r) => new RateRow(row.Code, row.Name, row.IsTotal, rated.Select(c => rates.Rows[r][c]!).ToList()))
            .ToList();
        return new TownTableAnswer(table.Id, table.Title, table.Quarter, table.Columns, table.Rows, new TownTableRates(columns, rows, PublicRates.Note));
    }

    /// <summary>
    /// The CSV: area code and name, the counts as before, then each rate (a shown one as a plain number, a withheld one as
    /// its mark) and each population with its source and date in the header.
    /// </summary>
    public IResult ToCsv()
    {
        var populations = Rates.Columns.DistinctBy(c => c.Population).ToList();
        var header = new List<string> { "地区代码", "地区" };
        header.AddRange(Columns.Select(c => $"{c.Name}（{c.Unit}）"));
        header.AddRange(Rates.Columns.Select(c => $"{c.Name}按人口（{c.Unit}）"));
        header.AddRange(populations.Select(p => $"{p.PopulationName}（人，截至 {p.PopulationAsOf}，来源：{p.PopulationSource}）"));
        var rows = Rows.Select((row, r) =>
        {
            var rates = Rates.Rows[r].Rates;
            var line = new List<string?> { row.Code, row.Name };
            line.AddRange(row.Cells.Select(Csv.Cell));
            line.AddRange(rates.Select(rate => rate.Value?.ToString(CultureInfo.InvariantCulture) ?? rate.Display));
            line.AddRange(populations.Select(p =>
                rates[Rates.Columns.ToList().FindIndex(c => c.Population == p.Population)].Population?.ToString(CultureInfo.InvariantCulture) ?? ""));
            return (IReadOnlyList<string?>)line;
        });
        return Csv.File(Id, header, rows);
    }

    private static RateColumn Column(StatColumn count, Leadership.PerCapita basis, Quarter quarter)
    {
        var population = QuantityCatalog.Get(basis.PopulationIndicator);
        return new RateColumn(count.Code, count.Name, count.Unit + basis.UnitLabel, basis.Description, basis.Per, population.Code, population.Label,
            MethodologyCatalog.Source(population.FactTable), quarter.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
