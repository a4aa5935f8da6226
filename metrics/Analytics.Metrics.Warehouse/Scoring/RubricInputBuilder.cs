using Analytics.DuckDb;
using Analytics.Metrics.Warehouse.Quantities;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>
/// The rubric's inputs for every town of its district (and the district as a whole) for one period, read set-based
/// from metric_quantity_value: the period's values, the same period of the previous year for growth rules (同比),
/// and the stored judgements. Inputs described as 累计 take the year-to-date value in a quarterly evaluation.
/// </summary>
public sealed class RubricInputBuilder(DuckDbConnection connection)
{
    public IReadOnlyList<UnitInputs> Build(Rubric rubric, AssessmentPeriod period)
    {
        var units = Units(rubric.District.Code, period);
        var names = rubric.Inputs.Select(i => i.Name).ToList();
        var cumulative = rubric.Inputs.Where(i => i.Meaning.Contains("累计", StringComparison.Ordinal)).Select(i => i.Name).ToHashSet();
        var previousPeriod = period.IsQuarter ? AssessmentPeriod.ForQuarter(period.Year - 1, period.Quarter!.Value) : AssessmentPeriod.ForYear(period.Year - 1);
        var current = new Dictionary<string, Dictionary<string, decimal?>>();
        var previous = new Dictionary<string, Dictionary<string, decimal?>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT level, coalesce(CAST(town_key AS VARCHAR), district_code), period, quantity_code, value, ytd_value
                FROM metric_quantity_value
                WHERE district_code = $1 AND level IN ('town', 'district') AND period IN ($2, $3)
                  AND quantity_code IN ({string.Join(", ", names.Select(Sql.Literal))})
                """;
            command.Parameters.AddValue(rubric.District.Code);
            command.Parameters.AddValue(period.ToString());
            command.Parameters.AddValue(previousPeriod.ToString());
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetString(0) + ":" + reader.GetString(1);
                var target = reader.GetString(2) == period.ToString() ? current : previous;
                var name = reader.GetString(3);
                var value = period.IsQuarter && cumulative.Contains(name) ? Sql.Decimal(reader, 5) : Sql.Decimal(reader, 4);
                if (value is null)
                {
                    continue;
                }

                if (!target.TryGetValue(key, out var values))
                {
                    target[key] = values = [];
                }

                values[name] = value;
            }
        }

        var judgements = new JudgementStore(connection).ForPeriod(rubric.Id, period.ToString());
        var result = new List<UnitInputs>(units.Count);
        foreach (var unit in units)
        {
            var key = unit.Level + ":" + (unit.TownKey?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? unit.DistrictCode);
            var values = current.GetValueOrDefault(key) ?? [];
            var before = previous.GetValueOrDefault(key) ?? [];
            var unitJudgements = judgements.GetValueOrDefault(unit.Code) ?? new Dictionary<string, Judgement>();
            var missing = names.Where(n => !values.ContainsKey(n)).ToList();
            result.Add(new UnitInputs(unit, new RubricInputs(values, unitJudgements, before, period), missing));
        }

        return result;
    }

    /// <summary>The towns of the district valid at the end of the period, then the district itself.</summary>
    public IReadOnlyList<ScoredUnit> Units(string districtCode, AssessmentPeriod period)
    {
        var lastDay = period.LastDay;
        var units = new List<ScoredUnit>();
        string? districtName = null;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT town_key, town_code, town_name, town_type, district_name FROM dim_region
                WHERE district_code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
                ORDER BY town_code
                """;
            command.Parameters.AddValue(districtCode);
            command.Parameters.AddValue(lastDay);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                units.Add(new ScoredUnit("town", districtCode, reader.GetString(1), reader.GetString(2), reader.GetInt32(0), reader.GetString(3)));
                districtName = reader.GetString(4);
            }
        }

        units.Add(new ScoredUnit("district", districtCode, districtCode, (districtName ?? districtCode) + "（全区）", null, null));
        return units;
    }

    /// <summary>Rubric inputs the quantity catalog does not measure (should be none for the shipped rubrics).</summary>
    public static IReadOnlyList<string> Unmapped(Rubric rubric) =>
        rubric.Inputs.Select(i => i.Name).Where(n => QuantityCatalog.Find(n) is null).ToList();
}
