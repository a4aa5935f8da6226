using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>
/// The rubric's inputs for every town of its district (and the district as a whole) for one period, read set-based
/// from metric_quantity_value: the period's values, the same period of the previous year for growth rules (同比),
/// and the stored judgements. Inputs described as 累计 take the year-to-date value in a quarterly evaluation.
/// Inputs declared <c>source: findings</c> come from the 督查发现台账 (<see cref="FindingInputs"/>). A 街镇 that did not
/// submit every ledger of the period has its ledger inputs marked 缺数据 rather than read as "nothing happened".
/// </summary>
public sealed class RubricInputBuilder(DuckDBConnection connection)
{
    public IReadOnlyList<UnitInputs> Build(Rubric rubric, AssessmentPeriod period) => Build(rubric, [period])[period];

    /// <summary>The inputs of several periods of one rubric, read in one query (what scoring a whole year needs).</summary>
    public IReadOnlyDictionary<AssessmentPeriod, IReadOnlyList<UnitInputs>> Build(Rubric rubric, IReadOnlyList<AssessmentPeriod> periods)
    {
        var names = rubric.Inputs.Where(i => !i.IsFinding).Select(i => i.Name).ToList();
        var ledgerInputs = names.Where(n => QuantityCatalog.Find(n)?.Feed == "ledger").ToList();
        var read = ledgerInputs.Count > 0 ? names.Append(LedgerSubmitted).ToList() : names;
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
                  AND period IN ({string.Join(", ", wanted.Select(WarehouseSql.Literal))})
                  AND quantity_code IN ({string.Join(", ", read.Select(WarehouseSql.Literal))})
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

                quantities[reader.GetString(3)] = (WarehouseSql.Decimal(reader, 4), WarehouseSql.Decimal(reader, 5));
            }
        }

        var entryCodes = rubric.Items.Where(i => i.Rule is EntryRule).Select(i => i.Code).ToList();
        // A bureau entry stands until the bureau changes it: every period of the year is read so later periods see it.
        var judgementPeriods = entryCodes.Count > 0 ? AssessmentPeriod.OfYear(rubric.Year).ToList() : periods;
        var judgements = new JudgementStore(connection).ForPeriods(rubric.Id, judgementPeriods.Select(p => p.ToString()).ToList());
        var growthInputs = rubric.Items.Where(i => i.Rule is GrowthRule).SelectMany(i => i.Inputs.Values)
            .Distinct().Select(QuantityCatalog.Find).OfType<Quantity>().ToList();
        var loaded = growthInputs.Count == 0 ? null : LoadedQuarters.Read(connection);
        var ledgerBases = LedgerBaseGaps.Read(connection, rubric.District.Code, growthInputs, periods);
        var unitsByPeriod = UnitsByPeriod(rubric.District.Code, periods);
        var findings = new FindingInputs(connection).Read(rubric, periods,
            unitsByPeriod.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Where(u => !u.IsDistrict).Select(u => u.Code).ToList()),
            rubric.District.Code);
        var result = new Dictionary<AssessmentPeriod, IReadOnlyList<UnitInputs>>();
        foreach (var period in periods)
        {
            var units = unitsByPeriod[period];

            var periodJudgements = judgements.GetValueOrDefault(period.ToString());
            var baseGaps = BaseGaps(period);
            var towns = units.Where(u => !u.IsDistrict).ToList();
            var list = new List<UnitInputs>(units.Count);
            foreach (var unit in units)
            {
                var key = unit.Level + ":" + (unit.TownKey?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? unit.DistrictCode);
                var values = Values(period, key, period.ToString());
                var before = Values(period, key, PreviousYear(period).ToString());
                var unitJudgements = periodJudgements?.GetValueOrDefault(unit.Code) ?? new Dictionary<string, Judgement>();
                if (unit.IsDistrict && entryCodes.Count > 0)
                {
                    unitJudgements = WithStandingEntries(unitJudgements, period, unit.Code);
                }

                var gaps = new Dictionary<string, InputGap>();
                if (findings.TryGetValue((period.ToString(), unit.Code), out var found))
                {
                    foreach (var (name, value) in found.Values)
                    {
                        values[name] = value;
                    }

                    foreach (var (name, gap) in found.Gaps)
                    {
                        gaps[name] = gap;
                    }
                }

                if (!unit.IsDistrict && ledgerInputs.Count > 0 && LedgerGap(period, key) is { } ledgerGap)
                {
                    foreach (var name in ledgerInputs)
                    {
                        gaps[name] = ledgerGap;
                    }
                }

                var missing = names.Where(n => !values.ContainsKey(n)).ToList();
                var unitBaseGaps = baseGaps;
                if (ledgerBases?.For(unit, towns, period, cumulative) is { Count: > 0 } ledgerBaseGaps)
                {
                    // A feed missing a whole quarter says more than one 街镇's missing ledger; it stays when both apply.
                    unitBaseGaps = new Dictionary<string, string>(ledgerBaseGaps);
                    foreach (var (name, gap) in baseGaps)
                    {
                        unitBaseGaps[name] = gap;
                    }
                }

                var inputs = new RubricInputs(values, unitJudgements, before, period, gaps, unitBaseGaps);
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

        // The latest entry recorded for this period or an earlier one of the same year (the whole year counts as its last quarter).
        Dictionary<string, Judgement> WithStandingEntries(Dictionary<string, Judgement> own, AssessmentPeriod period, string unitCode)
        {
            var merged = new Dictionary<string, Judgement>(own);
            var earlier = judgementPeriods.Where(p => p.LastDay <= period.LastDay && p != period)
                .OrderByDescending(p => p.LastDay).ThenBy(p => p.IsQuarter).ToList();
            foreach (var code in entryCodes.Where(c => !merged.ContainsKey(c)))
            {
                var standing = earlier.Select(p => judgements.GetValueOrDefault(p.ToString())?.GetValueOrDefault(unitCode)?.GetValueOrDefault(code))
                    .FirstOrDefault(j => j is not null);
                if (standing is not null)
                {
                    merged[code] = standing;
                }
            }

            return merged;
        }

        // 同比 needs complete bases: every quarter the input sums over, loaded in both the period and the year before.
        Dictionary<string, string> BaseGaps(AssessmentPeriod period)
        {
            var gaps = new Dictionary<string, string>();
            foreach (var quantity in growthInputs)
            {
                var yearToDate = cumulative.Contains(quantity.Code);
                var parts = new[] { ("本期缺", loaded!.Missing(quantity, period, yearToDate)), ("上年同期缺", loaded.Missing(quantity, PreviousYear(period), yearToDate)) }
                    .Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {p.Item2}数据").ToList();
                if (parts.Count > 0)
                {
                    gaps[quantity.Code] = string.Join("，", parts);
                }
            }

            return gaps;
        }

        // A ledger is due per 街镇 and quarter; a period short of them has no complete ledger figures.
        InputGap? LedgerGap(AssessmentPeriod evaluated, string key)
        {
            var submitted = stored.TryGetValue((evaluated.ToString(), key), out var quantities)
                ? quantities.GetValueOrDefault(LedgerSubmitted).Value ?? 0m
                : 0m;
            var due = evaluated.IsQuarter ? 1 : 4;
            return submitted >= due ? null : new InputGap(ItemStatus.MissingInput, $"街镇台账应报 {due} 份，实报 {Fmt.Num(submitted)} 份，台账数据不全");
        }

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

    private const string LedgerSubmitted = "ledger.submitted";

    internal static AssessmentPeriod PreviousYear(AssessmentPeriod period) =>
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
        rubric.Inputs.Where(i => !i.IsFinding).Select(i => i.Name).Where(n => QuantityCatalog.Find(n) is null).ToList();
}
