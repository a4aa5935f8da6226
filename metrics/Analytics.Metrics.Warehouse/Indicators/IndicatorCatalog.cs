namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>
/// The indicator catalog (指标目录): every quantity the four seed documents use, by domain (one partial file per
/// domain). Codes are stable identifiers used by dim_indicator, metric_value, the dashboard and the briefing.
/// </summary>
public static partial class IndicatorCatalog
{
    private static readonly Lazy<IReadOnlyList<Indicator>> Items = new(() =>
        [.. Assistance(), .. Verification(), .. ElderlyCare(), .. SocialOrganisations(), .. Affairs()]);

    public static IReadOnlyList<Indicator> All => Items.Value;

    /// <summary>The indicators published on the public pages, in their published order.</summary>
    public static IReadOnlyList<Indicator> Published => PublishedItems.Value;

    private static readonly Lazy<IReadOnlyList<Indicator>> PublishedItems = new(() =>
        [.. All.Where(i => i.Public is not null).OrderBy(i => i.Public!.Position)]);

    public static Indicator? Find(string code) => All.FirstOrDefault(i => i.Code == code);

    public static Indicator Get(string code) => Find(code) ?? throw new KeyNotFoundException($"未知指标 {code} (unknown indicator)");

    private const IndicatorDirection Up = IndicatorDirection.Higher;
    private const IndicatorDirection Down = IndicatorDirection.Lower;
    private const IndicatorDirection Scale = IndicatorDirection.Neutral;
}
