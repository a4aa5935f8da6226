using System.Globalization;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Reports.Content;

namespace Analytics.Dashboard.Leadership;

/// <summary>
/// One district's value of an indicator in a period, with its 同比: the change (in percentage points for a rate), the
/// percent change, and whether it is better or worse by the indicator's direction (up or down for a scale indicator).
/// </summary>
public sealed record DistrictValue(decimal? Value, decimal? YearOnYearPercent, string? YearOnYearDirection, decimal? YearOnYearChange = null);

/// <summary>
/// One indicator across the districts, in <see cref="ComparisonTable.Districts"/> order, with each value per
/// <see cref="Basis"/> of population when the indicator is a count (<see cref="PerCapita"/>).
/// </summary>
public sealed record ComparisonRow(Indicator Indicator, IReadOnlyList<DistrictValue> Values, PerCapita? Basis = null, IReadOnlyList<decimal?>? PerCapitaValues = null);

/// <summary>The districts side by side (区际比较) on the indicators every one of them has a value for in the period.</summary>
public sealed record ComparisonTable(string Period, IReadOnlyList<string> Periods, IReadOnlyList<(string Code, string Name)> Districts,
    IReadOnlyList<ComparisonRow> Rows);

/// <summary>Reads the district-level indicator values (metric_value) for the district-to-district comparison.</summary>
public sealed class DistrictComparison(LeadershipScores scores)
{
    /// <summary>
    /// The comparison of the districts in <paramref name="scope"/> for the requested period (a quarter or year with values),
    /// else the latest quarter; null when there are none.
    /// </summary>
    public ComparisonTable? Compare(string? period, DistrictScope scope) =>
        scores.Cache.GetOrAdd($"compare|{period}", scope, RubricChoice.Districts.Select(d => d.Code), visible => Read(period, visible));

    private ComparisonTable? Read(string? period, DistrictScope scope) => scores.Read(connection =>
    {
        var periods = Periods(connection);
        var chosen = periods.Contains(period ?? "") ? period! : periods.LastOrDefault(p => p.Contains('Q', StringComparison.Ordinal));
        if (chosen is null)
        {
            return null;
        }

        var districts = new List<(string Code, string Name)>();
        var values = new Dictionary<(string Indicator, string District), DistrictValue>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.indicator_code, m.district_code, d.district_name, m.value, m.yoy_pct, m.yoy_direction, m.yoy_change
                FROM metric_value m JOIN (SELECT district_code, any_value(district_name) AS district_name FROM dim_region GROUP BY ALL) d USING (district_code)
                WHERE m.level = 'district' AND m.period = $1 ORDER BY m.district_code
                """;
            command.Parameters.AddValue(chosen);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var district = reader.GetString(1);
                if (!scope.Allows(district))
                {
                    continue;
                }

                if (districts.All(d => d.Code != district))
                {
                    districts.Add((district, reader.GetString(2)));
                }

                values[(reader.GetString(0), district)] = new DistrictValue(Decimal(reader, 3), Decimal(reader, 4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    Decimal(reader, 6));
            }
        }

        var rows = IndicatorCatalog.All
            .Select(i => Row(i, districts, values))
            .Where(r => r.Values.All(v => v.Value is not null))
            .ToList();
        return new ComparisonTable(chosen, periods, districts, rows);
    });

    private static ComparisonRow Row(Indicator indicator, List<(string Code, string Name)> districts, Dictionary<(string Indicator, string District), DistrictValue> values)
    {
        var row = districts.Select(d => values.GetValueOrDefault((indicator.Code, d.Code)) ?? new DistrictValue(null, null, null)).ToList();
        if (PerCapita.For(indicator) is not { } basis)
        {
            return new ComparisonRow(indicator, row);
        }

        var perCapita = districts.Zip(row, (d, v) => basis.Rate(v.Value, values.GetValueOrDefault((basis.PopulationIndicator, d.Code))?.Value)).ToList();
        return perCapita.All(r => r is null) ? new ComparisonRow(indicator, row) : new ComparisonRow(indicator, row, basis, perCapita);
    }

    /// <summary>Periods with district values, oldest first, each year after its quarters.</summary>
    private static List<string> Periods(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT period, year, coalesce(quarter, 5) AS q FROM metric_value WHERE level = 'district' ORDER BY year, q";
        using var reader = command.ExecuteReader();
        var periods = new List<string>();
        while (reader.Read())
        {
            periods.Add(reader.GetString(0));
        }

        return periods;
    }

    private static decimal? Decimal(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
