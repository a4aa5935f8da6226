using System.Collections.Concurrent;
using Analytics.Dashboard.Disclosure;
using Analytics.Sources;

namespace Analytics.Dashboard.Statistics;

/// <summary>
/// The public figures: city, district and 街镇 counts per indicator and quarter, every one of them through
/// <see cref="SuppressionPolicy"/> over the whole city ⊃ district ⊃ 街镇 hierarchy of its indicator and quarter.
/// </summary>
public sealed class PublicStatistics(WarehouseFigures figures, SuppressionPolicy policy)
{
    // Disclosed figures of the current raw figures; replaced as a whole (one reference, never torn) when a load changes them.
    private volatile DisclosedFigures? _cache;

    public const string CityCode = "310000";
    public const string CityName = "全市";

    public static IReadOnlyList<StatColumn> Columns { get; } =
        PublicIndicator.All.Select(i => new StatColumn(i.Code, i.Name, i.Unit)).ToList();

    public IReadOnlyList<Quarter> Quarters() => figures.Read().Quarters;

    public IReadOnlyList<DistrictArea> Districts() => figures.Read().Districts;

    /// <summary>The requested quarter if it has data, else the latest one; null when nothing is loaded yet.</summary>
    public Quarter? ResolveQuarter(string? requested)
    {
        var quarters = Quarters();
        if (Quarter.TryParse(requested, out var quarter) && quarters.Contains(quarter))
        {
            return quarter;
        }

        return quarters.Count == 0 ? null : quarters[^1];
    }

    /// <summary>
    /// Whether a quarter was asked for that has no data (not a quarter at all, or not loaded): pages and API answer 404
    /// for it, never another quarter's figures.
    /// </summary>
    public bool IsUnknownQuarter(string? requested) =>
        !string.IsNullOrEmpty(requested) && !(Quarter.TryParse(requested, out var quarter) && Quarters().Contains(quarter));

    /// <summary>The Chinese 404 message of <see cref="IsUnknownQuarter"/>.</summary>
    public static string UnknownQuarterMessage(string requested) =>
        $"没有“{requested}”的数据：季度须为已装载的季度，写作 2024Q3（已装载的季度见 /api/v1/quarters）。";

    /// <summary>The Chinese 404 message of a district code that is not one of the city's districts.</summary>
    public static string UnknownDistrictMessage(string code) =>
        $"没有代码为“{code}”的区（各区代码见 /api/v1/districts）。";

    /// <summary>The Chinese 404 message of a 街镇 code that is not one of the district's 街镇.</summary>
    public static string UnknownTownMessage(string districtName, string code) =>
        $"{districtName}没有代码为“{code}”的街镇（各街镇见本区页面）。";

    /// <summary>Whether an area of a district is a 街镇 with a public page of its own, not the 未注明街镇 remainder.</summary>
    public static bool HasPage(TownArea town) => town.Code != WarehouseFigures.UnassignedCode(town.DistrictCode);

    /// <summary>
    /// The public page of a 街镇 at a quarter: its code after the district's ("310117/岳阳街道" is
    /// /districts/310117/towns/岳阳街道).
    /// </summary>
    public static string TownPath(TownArea town, Quarter quarter) =>
        $"/districts/{town.DistrictCode}/towns/{Uri.EscapeDataString(town.Code[(town.DistrictCode.Length + 1)..])}?quarter={quarter}";

    /// <summary>The 街镇 of a district with a public page named by the last segment of its path, or null.</summary>
    public TownArea? Town(string districtCode, string segment) =>
        Districts().FirstOrDefault(d => d.Code == districtCode)?.Towns.FirstOrDefault(t => t.Code == $"{districtCode}/{segment}" && HasPage(t));

    /// <summary>The 街镇 of a district with a public page whose area code is <paramref name="code"/>, or null.</summary>
    public TownArea? TownByCode(string districtCode, string code) =>
        Districts().FirstOrDefault(d => d.Code == districtCode)?.Towns.FirstOrDefault(t => t.Code == code && HasPage(t));

    /// <summary>The districts of the city with the city total as the last row.</summary>
    public StatTable DistrictTable(Quarter quarter)
    {
        var raw = figures.Read();
        var disclosed = PublicIndicator.All.Select(i => Disclose(raw, i.Code, quarter)).ToList();
        var rows = raw.Districts
            .Select(d => new StatRow(d.Code, d.Name, false, disclosed.Select(x => x[d.Code]).ToList()))
            .Append(new StatRow(CityCode, CityName, true, disclosed.Select(x => x[CityCode]).ToList()))
            .ToList();
        return new StatTable("districts", $"各区主要指标（{quarter}）", quarter.ToString(), Columns, rows);
    }

    /// <summary>The 街镇 of a district with the district total as the last row; null for an unknown district.</summary>
    public StatTable? TownTable(string districtCode, Quarter quarter)
    {
        var raw = figures.Read();
        var district = raw.Districts.FirstOrDefault(d => d.Code == districtCode);
        if (district is null)
        {
            return null;
        }

        var disclosed = PublicIndicator.All.Select(i => Disclose(raw, i.Code, quarter)).ToList();
        var rows = district.Towns
            .Select(t => new StatRow(t.Code, t.Name, false, disclosed.Select(x => x[t.Code]).ToList()))
            .Append(new StatRow(district.Code, district.Name + "合计", true, disclosed.Select(x => x[district.Code]).ToList()))
            .ToList();
        return new StatTable($"towns-{district.Code}", $"{district.Name}各街镇主要指标（{quarter}）", quarter.ToString(), Columns, rows);
    }

    /// <summary>Each indicator of the city (or a district) over every loaded quarter up to <paramref name="quarter"/>, with 同比.</summary>
    public IReadOnlyList<IndicatorTrend> Trends(string areaCode, Quarter quarter)
    {
        var raw = figures.Read();
        var quarters = raw.Quarters.Where(q => q <= quarter).ToList();
        var trends = new List<IndicatorTrend>();
        foreach (var indicator in PublicIndicator.All)
        {
            var byQuarter = quarters.ToDictionary(q => q, q => Disclose(raw, indicator.Code, q)[areaCode]);
            var current = byQuarter[quarter];
            var lastYear = byQuarter.GetValueOrDefault(quarter.SamePeriodLastYear());
            trends.Add(new IndicatorTrend(new StatColumn(indicator.Code, indicator.Name, indicator.Unit), quarter.ToString(), current, lastYear,
                policy.PercentChange(current, lastYear), quarters.Select(q => new TrendPoint(q.ToString(), byQuarter[q])).ToList()));
        }

        return trends;
    }

    /// <summary>Suppresses one indicator in one quarter over the whole hierarchy; keyed by area code (city, district, town).</summary>
    private Dictionary<string, DisclosedValue> Disclose(RawFigures raw, string indicator, Quarter quarter)
    {
        var cache = _cache;
        if (cache is null || !ReferenceEquals(cache.Raw, raw))
        {
            cache = new DisclosedFigures(raw, new());
            _cache = cache;
        }

        return cache.Values.GetOrAdd((indicator, quarter), key => Compute(raw, key.Indicator, key.Quarter));
    }

    private Dictionary<string, DisclosedValue> Compute(RawFigures raw, string indicator, Quarter quarter)
    {
        var codes = new List<string>();
        var values = new List<long>();
        var relations = new List<AdditiveRelation>();
        int Add(string code, long value)
        {
            codes.Add(code);
            values.Add(value);
            return codes.Count - 1;
        }

        var city = Add(CityCode, 0);
        var districtCells = new List<int>();
        foreach (var district in raw.Districts)
        {
            var townCells = district.Towns.Select(t => Add(t.Code, raw.ValueOf(indicator, quarter, t.Code))).ToList();
            var districtCell = Add(district.Code, townCells.Sum(i => values[i]));
            relations.Add(new AdditiveRelation(districtCell, townCells));
            districtCells.Add(districtCell);
        }

        values[city] = districtCells.Sum(i => values[i]);
        relations.Add(new AdditiveRelation(city, districtCells));
        var states = policy.Suppress(values, relations);
        return codes.Select((code, i) => (code, value: policy.Disclose(values[i], states[i]))).ToDictionary(x => x.code, x => x.value);
    }

    private sealed record DisclosedFigures(RawFigures Raw, ConcurrentDictionary<(string Indicator, Quarter Quarter), Dictionary<string, DisclosedValue>> Values);
}
