using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>
/// 同比 completeness per 街镇 for the growth inputs fed by the towns' ledgers: the ledger feed can be loaded for a
/// quarter while one 街镇 submitted nothing, and that 街镇's year would then be three quarters against four. Names the
/// 街镇's missing quarters ("上年同期缺 2023Q2 台账"); the district's figure sums the towns, so it names each town's gap.
/// </summary>
internal sealed class LedgerBaseGaps
{
    private readonly IReadOnlyList<Quantity> _quantities;
    private readonly HashSet<(int TownKey, int Year, int Quarter)> _submitted;

    private LedgerBaseGaps(IReadOnlyList<Quantity> quantities, HashSet<(int, int, int)> submitted) => (_quantities, _submitted) = (quantities, submitted);

    /// <summary>The submitted ledgers of the district's towns in the years of the periods and the years before; null without ledger-fed growth inputs.</summary>
    public static LedgerBaseGaps? Read(DuckDBConnection connection, string districtCode, IReadOnlyList<Quantity> growthInputs, IEnumerable<AssessmentPeriod> periods)
    {
        var quantities = growthInputs.Where(q => q.Feed == "ledger").ToList();
        if (quantities.Count == 0)
        {
            return null;
        }

        var quarters = periods.SelectMany(p => new[] { p.Year, p.Year - 1 }).Distinct()
            .SelectMany(y => Enumerable.Range(1, 4).Select(q => WarehouseSql.Literal($"{y}Q{q}"))).ToList();
        var submitted = new HashSet<(int, int, int)>();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT town_key, period FROM metric_quantity_value
            WHERE district_code = $1 AND level = 'town' AND quantity_code = 'ledger.submitted' AND value >= 1
              AND period IN ({string.Join(", ", quarters)})
            """;
        command.Parameters.AddValue(districtCode);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var period = reader.GetString(1);
            submitted.Add((reader.GetInt32(0), int.Parse(period[..4], System.Globalization.CultureInfo.InvariantCulture), period[5] - '0'));
        }

        return new LedgerBaseGaps(quantities, submitted);
    }

    /// <summary>Quantity code → what the unit's 同比 comparison lacks; empty when every needed ledger is in.</summary>
    public IReadOnlyDictionary<string, string> For(ScoredUnit unit, IReadOnlyList<ScoredUnit> towns, AssessmentPeriod period, ISet<string> cumulative)
    {
        var gaps = new Dictionary<string, string>();
        foreach (var quantity in _quantities)
        {
            var yearToDate = cumulative.Contains(quantity.Code);
            var parts = new List<string>();
            foreach (var (label, evaluated) in new[] { ("本期缺", period), ("上年同期缺", RubricInputBuilder.PreviousYear(period)) })
            {
                var needed = LoadedQuarters.Needed(quantity, evaluated, yearToDate);
                var missing = unit.TownKey is { } key
                    ? Missing(key, evaluated.Year, needed) is { } own ? [own] : []
                    : towns.Select(t => Missing(t.TownKey!.Value, evaluated.Year, needed) is { } m ? $"{t.Name} {m}" : null).OfType<string>().ToList();
                if (missing.Count > 0)
                {
                    parts.Add($"{label} {string.Join("、", missing)} 台账");
                }
            }

            if (parts.Count > 0)
            {
                gaps[quantity.Code] = string.Join("，", parts);
            }
        }

        return gaps;
    }

    /// <summary>
    /// The needed quarters the town did not submit while other 街镇 of the district did. A town with no ledger at all that
    /// year (not yet formed, or the feed absent) has no base rather than a broken one: the rule says 无上年基数.
    /// </summary>
    private string? Missing(int townKey, int year, IReadOnlyList<int> needed)
    {
        if (!Enumerable.Range(1, 4).Any(q => _submitted.Contains((townKey, year, q))))
        {
            return null;
        }

        var missing = needed.Where(q => !_submitted.Contains((townKey, year, q)) && _submitted.Any(s => s.Year == year && s.Quarter == q)).ToList();
        return missing.Count == 0 ? null : LoadedQuarters.Quarters(year, missing);
    }
}
