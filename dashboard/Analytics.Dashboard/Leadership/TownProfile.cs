using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Dashboard.Leadership;

/// <summary>A 街镇's section against the district: its score share and the median share of the district's 街镇.</summary>
public sealed record SectionProfile(RubricSection Section, decimal Score, decimal Maximum, decimal? Share, decimal? DistrictMedianShare);

/// <summary>A key indicator of the 街镇 (one its rubric uses) against the median of the district's 街镇; <see cref="ItemCode"/> is the first item using it.</summary>
public sealed record IndicatorProfile(Indicator Indicator, decimal? Value, decimal? DistrictMedian, string ItemCode);

/// <summary>The 街镇's total and rank in one period, beside the district median total.</summary>
public sealed record ScoreTrendPoint(AssessmentPeriod Period, decimal Total, int Rank, decimal? DistrictMedian);

/// <summary>A 街镇's profile (街镇画像): sections and key indicators against the district median, and its score over the periods with data.</summary>
public sealed record TownProfile(
    DistrictScore Score,
    RankedTown Town,
    IReadOnlyList<SectionProfile> Sections,
    IReadOnlyList<IndicatorProfile> Indicators,
    IReadOnlyList<ScoreTrendPoint> Trend);

/// <summary>Builds <see cref="TownProfile"/>s from the scores and the metric tables.</summary>
public sealed class TownProfiles(LeadershipScores scores)
{
    /// <summary>The profile of <paramref name="townCode"/>; null when the district has no such 街镇.</summary>
    public TownProfile? Build(Rubric rubric, AssessmentPeriod period, string? townCode, DistrictScope scope) =>
        scores.Cache.GetOrAdd($"profile|{rubric.Id}|{period}|{townCode}", scope, [rubric.District.Code], visible =>
        {
            LeadershipScores.Require(visible, rubric);
            return Compute(rubric, period, townCode, visible);
        });

    /// <summary>
    /// Whether the district has <paramref name="townCode"/> at the period's end, from dim_region alone (the units the scorer
    /// scores), so a page can answer 404 before it streams and the scores are computed.
    /// </summary>
    public bool Exists(Rubric rubric, AssessmentPeriod period, string? townCode) =>
        townCode is { Length: > 0 } && TownCodes(rubric.District.Code, period).Contains(townCode);

    // Cached per data version like the pages themselves: a read under the scores' gate on every request would queue them.
    private HashSet<string> TownCodes(string districtCode, AssessmentPeriod period) =>
        scores.Cache.GetOrAdd($"town-codes|{districtCode}|{period}", DistrictScope.City, [districtCode], _ => scores.Read(connection =>
            new RubricInputBuilder(connection).Units(districtCode, period).Where(u => !u.IsDistrict).Select(u => u.Code).ToHashSet(StringComparer.Ordinal)));

    private TownProfile? Compute(Rubric rubric, AssessmentPeriod period, string? townCode, DistrictScope scope)
    {
        var score = scores.Score(rubric, period, scope);
        if (score.Towns.FirstOrDefault(t => t.Town.TownCode == townCode) is not { } town)
        {
            return null;
        }

        var sections = rubric.Sections.Where(s => s.Kind != SectionKind.Deduction).Select(section =>
        {
            var result = town.Town.Result.Sections.First(s => s.Code == section.Code);
            var median = Distribution.Median(score.Towns.Select(t => Scorecard.Share(t.Town.Result, section.Code)).OfType<decimal>());
            return new SectionProfile(section, result.Score, result.Maximum, Scorecard.Share(town.Town.Result, section.Code),
                median is { } m ? Math.Round(m, 1) : null);
        }).ToList();
        return new TownProfile(score, town, sections, Indicators(score, town.Town.TownCode), Trend(rubric, town.Town.TownCode, scope));
    }

    private List<IndicatorProfile> Indicators(DistrictScore score, string townCode)
    {
        var values = scores.Read(connection => TownValues(connection, score.Rubric.District.Code, score.Period.ToString()));
        var towns = score.Towns.Select(t => t.Town.TownCode).ToHashSet();
        var profiles = new List<IndicatorProfile>();
        foreach (var indicator in IndicatorCatalog.All)
        {
            var quantities = new[] { indicator.Numerator, indicator.Denominator };
            if (score.Rubric.Items.FirstOrDefault(i => i.Inputs.Values.Any(quantities.Contains)) is not { } item)
            {
                continue;
            }

            var byTown = values.GetValueOrDefault(indicator.Code) ?? [];
            var median = Distribution.Median(byTown.Where(v => towns.Contains(v.Key)).Select(v => v.Value));
            profiles.Add(new IndicatorProfile(indicator, byTown.TryGetValue(townCode, out var value) ? value : null, median, item.Code));
        }

        return profiles;
    }

    private List<ScoreTrendPoint> Trend(Rubric rubric, string townCode, DistrictScope scope)
    {
        var points = new List<ScoreTrendPoint>();
        foreach (var period in LeadershipScores.Periods(rubric).Where(p => p.IsQuarter && scores.HasData(p)))
        {
            var score = scores.Score(rubric, period, scope);
            // Only periods that rank towns have a rank and a total to plot (an annual scheme's quarters have neither).
            if (score.IsRanked && score.Towns.FirstOrDefault(t => t.Town.TownCode == townCode) is { } town)
            {
                points.Add(new ScoreTrendPoint(period, town.Town.Result.Total, town.Rank, Distribution.Median(score.Towns.Select(t => t.Town.Result.Total))));
            }
        }

        return points;
    }

    /// <summary>Indicator code → town code → value, for the district's 街镇 in one period.</summary>
    private static Dictionary<string, Dictionary<string, decimal>> TownValues(DuckDBConnection connection, string district, string period)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.indicator_code, r.town_code, m.value FROM metric_value m JOIN dim_region r ON r.town_key = m.town_key
            WHERE m.level = 'town' AND m.district_code = $1 AND m.period = $2 AND m.value IS NOT NULL
            """;
        command.Parameters.AddValue(district);
        command.Parameters.AddValue(period);
        using var reader = command.ExecuteReader();
        var values = new Dictionary<string, Dictionary<string, decimal>>();
        while (reader.Read())
        {
            var code = reader.GetString(0);
            if (!values.TryGetValue(code, out var byTown))
            {
                values[code] = byTown = [];
            }

            byTown[reader.GetString(1)] = Convert.ToDecimal(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }
}
