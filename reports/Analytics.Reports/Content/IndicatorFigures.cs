using System.Data.Common;
using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Reports.Content;

/// <summary>
/// Indicator values for the briefings from metric_value, the table the dashboard's trends and the metrics layer's
/// 同比/环比 come from; nothing is recomputed here.
/// </summary>
internal sealed class IndicatorFigures(DuckDBConnection connection)
{
    public IReadOnlyList<HeadlineFigure> Headlines(string districtCode, AssessmentPeriod period)
    {
        var rows = new Dictionary<string, HeadlineFigure>();
        Query($"""
            SELECT indicator_code, value, yoy_pct, yoy_change, qoq_pct, qoq_change FROM metric_value
            WHERE level = 'district' AND district_code = $1 AND period = $2 AND indicator_code IN ({Codes(BriefingIndicators.Headlines)})
            """, reader =>
        {
            var indicator = IndicatorCatalog.Get(reader.GetString(0));
            rows[indicator.Code] = new HeadlineFigure(indicator, Number(reader, 1), Number(reader, 2), Number(reader, 3), Number(reader, 4), Number(reader, 5));
        }, districtCode, period.ToString());
        return BriefingIndicators.Headlines.Select(i => rows.GetValueOrDefault(i.Code) ?? new HeadlineFigure(i, null, null, null, null, null)).ToList();
    }

    public IReadOnlyList<IndicatorTrend> Trends(string districtCode, AssessmentPeriod period)
    {
        var quarters = TrendQuarters(period);
        var values = new Dictionary<(string, string), decimal?>();
        Query($"""
            SELECT indicator_code, period, value FROM metric_value
            WHERE level = 'district' AND district_code = $1 AND quarter IS NOT NULL
              AND period IN ({string.Join(", ", quarters.Select(q => $"'{q}'"))}) AND indicator_code IN ({Codes(BriefingIndicators.Trends)})
            """, reader => values[(reader.GetString(0), reader.GetString(1))] = Number(reader, 2), districtCode);
        return BriefingIndicators.Trends
            .Select(i => new IndicatorTrend(i, quarters.Select(q => new TrendPoint(q, values.GetValueOrDefault((i.Code, q)))).ToList()))
            .ToList();
    }

    /// <summary>town code → the town's value and the median over the district's towns, for each comparison indicator.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TownIndicator>> TownsAgainstMedian(string districtCode, AssessmentPeriod period)
    {
        var rows = new Dictionary<string, Dictionary<string, TownIndicator>>(StringComparer.Ordinal);
        Query($"""
            SELECT r.town_code, m.indicator_code, m.value, median(m.value) OVER (PARTITION BY m.indicator_code)
            FROM metric_value m JOIN dim_region r ON r.town_key = m.town_key
            WHERE m.level = 'town' AND m.district_code = $1 AND m.period = $2 AND m.indicator_code IN ({Codes(BriefingIndicators.TownComparison)})
            """, reader =>
        {
            var town = reader.GetString(0);
            if (!rows.TryGetValue(town, out var byIndicator))
            {
                rows[town] = byIndicator = [];
            }

            var indicator = IndicatorCatalog.Get(reader.GetString(1));
            byIndicator[indicator.Code] = new TownIndicator(indicator, Number(reader, 2), Number(reader, 3));
        }, districtCode, period.ToString());
        return rows.ToDictionary(r => r.Key, r => (IReadOnlyList<TownIndicator>)BriefingIndicators.TownComparison
            .Select(i => r.Value.GetValueOrDefault(i.Code) ?? new TownIndicator(i, null, null)).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The <see cref="BriefingIndicators.TrendQuarters"/> quarters ending with the period (with its last quarter for a year).</summary>
    public static IReadOnlyList<string> TrendQuarters(AssessmentPeriod period)
    {
        var index = period.Year * 4 + (period.Quarter ?? 4) - 1;
        return Enumerable.Range(index - BriefingIndicators.TrendQuarters + 1, BriefingIndicators.TrendQuarters)
            .Select(i => $"{i / 4}Q{i % 4 + 1}")
            .ToList();
    }

    private static string Codes(IEnumerable<Indicator> indicators) => string.Join(", ", indicators.Select(i => $"'{i.Code}'"));

    private static decimal? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) switch
    {
        System.Numerics.BigInteger big => (decimal)big,
        var v => Convert.ToDecimal(v, CultureInfo.InvariantCulture),
    };

    private void Query(string sql, Action<DbDataReader> row, params object[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}
