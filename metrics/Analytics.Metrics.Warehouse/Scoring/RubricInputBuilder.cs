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
    public IReadOnlyList<UnitInputs> Build(Rubric rubric, AssessmentPeriod period) => Build(rubric, [period])[period];

    /// <summary>The inputs of several periods of one rubric, read in one query (what scoring a whole year needs).</summary>
    public IReadOnlyDictionary<AssessmentPeriod, IReadOnlyList<UnitInputs>> Build(Rubric rubric, IReadOnlyList<AssessmentPeriod> periods)
    {
        var names = rubric.Inputs.Select(i => i.Name).ToList();
        var cumulative = rubric.Inputs.Where(i => i.Meaning.Contains("累计", StringComparison.Ordinal)).Select(i => i.Name).ToHashSet();
        var wanted = periods.Concat(periods.Select(PreviousYear)).Select(p => p.ToString()).Distinct().ToList();
        // (period, "level:unit") → quantity → the period's value and its year-to-date value.
        var stored = new Dictionary<(string Period, string Unit), Dictionary<string, (decimal? Value, decimal? YearToDate)>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT level, coalesce(CAST(town_key AS VARCHAR), district_code), period, quantity_code, value, ytd_value
                FROM metric_quantity_value
                WHERE district_code = $1 AND level IN ('town', 'district')
                  AND period IN ({string.Join(", ", wanted.Select(Sql.Literal))})
                  AND quantity_code IN ({string.Join(", ", names.Select(Sql.Literal))})
                """;
            command.Parameters.AddValue(rubric.District.Code);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(2), reader.GetString(0) + ":" + reader.GetString(1));
                if (!stored.TryGetValue(key, out var quantities))
                {
                    stored[key] = quantities = [];
                }

                quantities[reader.GetString(3)] = (Sql.Decimal(reader, 4), Sql.Decimal(reader, 5));
            }
        }

        var judgements = new JudgementStore(connection).ForPeriods(rubric.Id, periods.Select(p => p.ToString()).ToList());
        var unitsByPeriod = UnitsByPeriod(rubric.District.Code, periods);
        var result = new Dictionary<AssessmentPeriod, IReadOnlyList<UnitInputs>>();
        foreach (var period in periods)
        {
            var units = unitsByPeriod[period];

            var periodJudgements = judgements.GetValueOrDefault(period.ToString());
            var list = new List<UnitInputs>(units.Count);
            foreach (var unit in units)
            {
                var key = unit.Level + ":" + (unit.TownKey?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? unit.DistrictCode);
                var values = Values(period, key, period.ToString());
                var before = Values(period, key, PreviousYear(period).ToString());
                var unitJudgements = periodJudgements?.GetValueOrDefault(unit.Code) ?? new Dictionary<string, Judgement>();
                var missing = names.Where(n => !values.ContainsKey(n)).ToList();
                var inputs = new RubricInputs(values, unitJudgements, before, period);
                if (period.IsQuarter && rubric.Items.Any(i => i.Frequency == Frequency.Annual))
                {
                    // An annual item seen in a quarter previews its year so far: every input to date, against the same span a year before.
                    inputs = inputs with
                    {
                        YearToDate = Values(period, key, period.ToString(), yearToDate: true),
                        PreviousYearToDate = Values(period, key, PreviousYear(period).ToString(), yearToDate: true),
                    };
                }

                list.Add(new UnitInputs(unit, inputs, missing));
            }

            result[period] = list;
        }

        return result;

        // Inputs described as 累计 take the year-to-date value in a quarterly evaluation; absent figures stay absent.
        Dictionary<string, decimal?> Values(AssessmentPeriod evaluated, string key, string period, bool yearToDate = false)
        {
            var values = new Dictionary<string, decimal?>();
            if (!stored.TryGetValue((period, key), out var quantities))
            {
                return values;
            }

            foreach (var name in names)
            {
                if (quantities.TryGetValue(name, out var figure)
                    && (evaluated.IsQuarter && (yearToDate || cumulative.Contains(name)) ? figure.YearToDate : figure.Value) is { } value)
                {
                    values[name] = value;
                }
            }

            return values;
        }
    }

    private static AssessmentPeriod PreviousYear(AssessmentPeriod period) =>
        period.IsQuarter ? AssessmentPeriod.ForQuarter(period.Year - 1, period.Quarter!.Value) : AssessmentPeriod.ForYear(period.Year - 1);

    /// <summary>The towns of the district valid at the end of the period, then the district itself.</summary>
    public IReadOnlyList<ScoredUnit> Units(string districtCode, AssessmentPeriod period) =>
        UnitsByPeriod(districtCode, [period])[period];

    // Every version of the district's towns read once, then picked per period end (one query instead of one per period).
    private Dictionary<AssessmentPeriod, IReadOnlyList<ScoredUnit>> UnitsByPeriod(string districtCode, IReadOnlyList<AssessmentPeriod> periods)
    {
        var versions = new List<(ScoredUnit Unit, DateOnly From, DateOnly? To)>();
        string? districtName = null;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT town_key, town_code, town_name, town_type, district_name, valid_from, valid_to FROM dim_region
                WHERE district_code = $1 ORDER BY town_code
                """;
            command.Parameters.AddValue(districtCode);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var unit = new ScoredUnit("town", districtCode, reader.GetString(1), reader.GetString(2), reader.GetInt32(0), reader.GetString(3));
                versions.Add((unit, reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6)));
                districtName = reader.GetString(4);
            }
        }

        var district = new ScoredUnit("district", districtCode, districtCode, (districtName ?? districtCode) + "（全区）", null, null);
        var result = new Dictionary<AssessmentPeriod, IReadOnlyList<ScoredUnit>>();
        foreach (var period in periods)
        {
            var day = period.LastDay;
            result[period] = versions.Where(v => v.From <= day && (v.To is null || v.To > day)).Select(v => v.Unit).Append(district).ToList();
        }

        return result;
    }

    /// <summary>Rubric inputs the quantity catalog does not measure (should be none for the shipped rubrics).</summary>
    public static IReadOnlyList<string> Unmapped(Rubric rubric) =>
        rubric.Inputs.Select(i => i.Name).Where(n => QuantityCatalog.Find(n) is null).ToList();
}
