using Analytics.Dashboard.Statistics;
using Analytics.Sources;

namespace Analytics.Dashboard.Disclosure;

/// <summary>One hidden cell after the attack, named for the report.</summary>
public sealed record AuditedCell(string AreaCode, string AreaName, CellProtection Protection);

/// <summary>The audit of one indicator in one quarter: its hidden cells, the narrowest interval of each mark, what fell short.</summary>
public sealed record AuditLine(PublicIndicator Indicator, Quarter Quarter, IReadOnlyList<AuditedCell> Cells)
{
    public int Recovered => Cells.Count(c => c.Protection.Interval.IsExact);

    public int Unprotected => Cells.Count(c => !c.Protection.IsProtected);

    /// <summary>The hidden cell of <paramref name="state"/> with the narrowest interval (unbounded counts as widest), or null.</summary>
    public AuditedCell? Narrowest(CellState state) =>
        Cells.Where(c => c.Protection.State == state).OrderBy(c => c.Protection.Interval.Width ?? long.MaxValue).ThenBy(c => c.AreaCode, StringComparer.Ordinal).FirstOrDefault();
}

/// <summary>
/// Attacks everything the public pages and the open-data API publish, read through the very methods that serve them
/// (<see cref="PublicStatistics.DistrictTable"/>, <see cref="PublicStatistics.TownTable"/>, <see cref="PublicStatistics.Trends"/>
/// of the city, each district and each 街镇, <see cref="PublicRates.For"/> of the 街镇 tables): all quarters, districts and
/// 街镇 as one system in which each table's total row is the sum of its other rows, a value shown anywhere is known
/// everywhere, a shown 同比 bounds its two quarters (to its rounding) and a shown per-capita rate bounds its count, its
/// population taken as known (<see cref="PublishedRateFact"/>).
/// </summary>
public sealed class PublishedSetAudit(PublicStatistics statistics, PublicRates rates, SuppressionPolicy policy)
{
    public IReadOnlyList<AuditLine> Run(Func<Quarter, bool>? period = null)
    {
        var system = new PublishedSystem();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var quarters = statistics.Quarters();
        foreach (var quarter in quarters)
        {
            AddTable(system, names, statistics.DistrictTable(quarter), quarter);
            foreach (var district in statistics.Districts())
            {
                var towns = statistics.TownTable(district.Code, quarter)!;
                AddTable(system, names, towns, quarter);
                AddRates(system, towns, rates.For(towns, quarter), quarter);
            }

            var areas = statistics.Districts().SelectMany(d => d.Towns.Where(PublicStatistics.HasPage).Select(t => t.Code).Prepend(d.Code));
            foreach (var area in areas.Prepend(PublicStatistics.CityCode))
            {
                AddTrends(system, statistics.Trends(area, quarter), area);
            }
        }

        var protections = DisclosureCheck.Run(system, policy);
        var byCell = protections.ToDictionary(p => p.Cell);
        return quarters.Where(q => period is null || period(q))
            .SelectMany(q => PublicIndicator.All.Select(indicator => new AuditLine(indicator, q, system.Cells
                .Select((cell, i) => (cell, i))
                .Where(x => x.cell.IsHidden && x.cell.Key.StartsWith(Prefix(indicator.Code, q), StringComparison.Ordinal))
                .Select(x => new AuditedCell(AreaOf(x.cell.Key), names[x.cell.Key], byCell[x.i]))
                .ToList())))
            .ToList();
    }

    private static void AddTable(PublishedSystem system, Dictionary<string, string> names, StatTable table, Quarter quarter)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var cells = table.Rows.Select(row =>
            {
                var key = Key(table.Columns[c].Code, quarter, row.Code);
                names[key] = row.Name;
                return system.Add(key, row.Cells[c].Value, row.Cells[c].State);
            }).ToList();
            var total = table.Rows.Select((row, i) => (row, i)).Single(x => x.row.IsTotal).i;
            system.Relate(cells[total], cells.Where((_, i) => i != total).ToList());
        }
    }

    private static void AddRates(PublishedSystem system, StatTable table, RateTable rates, Quarter quarter)
    {
        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (rates.Rows[r][c] is { Value: { } rate, Population: { } population } && rates.Bases[c] is { } basis)
                {
                    var cell = system.IndexOf(Key(table.Columns[c].Code, quarter, table.Rows[r].Code))!.Value;
                    system.Facts.Add(PublishedRateFact.For(cell, rate, population, basis.Per));
                }
            }
        }
    }

    private static void AddTrends(PublishedSystem system, IReadOnlyList<IndicatorTrend> trends, string area)
    {
        foreach (var trend in trends)
        {
            foreach (var point in trend.Points)
            {
                system.Add(Key(trend.Indicator.Code, Quarter.Parse(point.Quarter), area), point.Value.Value, point.Value.State);
            }

            if (trend.YearOnYearPercent is not { } percent)
            {
                continue;
            }

            // 同比 p (one decimal) says 100·now − (100 + p ± 0.05)·before lies between 0 and the rounding.
            var quarter = Quarter.Parse(trend.Quarter);
            var now = system.Add(Key(trend.Indicator.Code, quarter, area), trend.Current.Value, trend.Current.State);
            var before = system.Add(Key(trend.Indicator.Code, quarter.SamePeriodLastYear(), area), trend.SamePeriodLastYear!.Value, trend.SamePeriodLastYear.State);
            var p = (double)percent;
            system.Facts.Add(new PublishedFact([(now, 100), (before, -(100 + p + 0.05))], double.NegativeInfinity, 0));
            system.Facts.Add(new PublishedFact([(now, 100), (before, -(100 + p - 0.05))], 0, double.PositiveInfinity));
        }
    }

    private static string Prefix(string indicator, Quarter quarter) => $"{indicator}|{quarter}|";

    private static string Key(string indicator, Quarter quarter, string area) => Prefix(indicator, quarter) + area;

    private static string AreaOf(string key) => key[(key.LastIndexOf('|') + 1)..];
}
