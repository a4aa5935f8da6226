using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Dashboard.Statistics;

/// <summary>
/// An aggregate count shown to the public: a view of an indicator the catalog marks public
/// (<see cref="IndicatorCatalog.Published"/>), so its name, unit, direction, definition and SQL are defined once, where
/// the leadership pages, briefings and methodology read them. <see cref="Sql"/> selects
/// <c>quarter_key, town_key, district_code, value</c>.
/// </summary>
public sealed record PublicIndicator(Indicator Indicator)
{
    public static readonly IReadOnlyList<PublicIndicator> All = [.. IndicatorCatalog.Published.Select(i => new PublicIndicator(i))];

    public string Code => Release.Code;

    public string Definition => Release.Definition;

    public string Name => Indicator.NameZh;

    public string Unit => Indicator.Unit;

    public string Domain => Indicator.Domain;

    public string Sql => Indicator.PublicSql;

    private PublicRelease Release => Indicator.Public!;

    public static PublicIndicator? Find(string code) => All.FirstOrDefault(i => i.Code == code);
}
