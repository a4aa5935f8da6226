using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Dashboard.Leadership;

/// <summary>
/// What a count is set against when districts of different size are compared: elderly-care counts per 1,000
/// registered elderly (户籍老年人口), every other count per 10,000 residents (常住人口), both from the reference feed's
/// population indicators in metric_value. Rates, amounts and the population figures themselves have none.
/// </summary>
public sealed record PerCapita(string PopulationIndicator, decimal Per, string UnitLabel, string Description)
{
    private const string ElderlyCareDomain = "养老服务";

    private static readonly PerCapita PerResidents = new("population.resident", 10_000m, "/万人", "每万名常住人口");
    private static readonly PerCapita PerElderly = new("population.registered_elderly", 1_000m, "/千名老人", "每千名户籍老年人");

    // Domains whose counts are not services to people: the population itself and the ledger count.
    private static readonly HashSet<string> WithoutBasis = ["基础数据", "数据质量"];

    /// <summary>The population basis of <paramref name="indicator"/>, or null when a per-capita view means nothing.</summary>
    public static PerCapita? For(Indicator indicator) =>
        indicator.IsRatio || indicator.Unit is "%" or "元" || indicator.Unit.Contains('/', StringComparison.Ordinal) || WithoutBasis.Contains(indicator.Domain)
            ? null
            : indicator.Domain == ElderlyCareDomain ? PerElderly : PerResidents;

    /// <summary>value ÷ population × <see cref="Per"/>, rounded to two decimals; null without a positive population.</summary>
    public decimal? Rate(decimal? value, decimal? population) =>
        value is { } v && population is { } p && p > 0 ? Math.Round(v / p * Per, 2, MidpointRounding.AwayFromZero) : null;
}
