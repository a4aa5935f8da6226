using System.Globalization;
using Analytics.Metrics.Warehouse.Quantities;

namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>Whether a rise of the indicator is good news (higher), bad news (lower), or neither (a scale figure).</summary>
public enum IndicatorDirection
{
    Higher,
    Lower,

    /// <summary>规模指标: how many people are helped or organisations registered is need, not performance.</summary>
    Neutral,
}

/// <summary>
/// One indicator of the catalog: a base quantity, or a ratio of two (× <see cref="Scale"/>: 100 for a rate in %,
/// 1000 for "per thousand"). Ratios are taken after aggregation, so a district's rate is Σ numerator / Σ denominator.
/// </summary>
/// <param name="WatchChanges">A volume whose sudden drop or spike against its own seasonal history is flagged.</param>
/// <param name="Public">Set when the indicator is published on the public pages (a count, never a ratio).</param>
public sealed record Indicator(
    string Code,
    string NameZh,
    string NameEn,
    string Unit,
    IndicatorDirection Direction,
    string Domain,
    string Numerator,
    string? Denominator = null,
    decimal Scale = 1m,
    bool WatchChanges = false,
    PublicRelease? Public = null)
{
    public bool IsRatio => Denominator is not null;

    public string Feed => QuantityCatalog.Get(Numerator).Feed;

    public string DirectionText => Direction switch { IndicatorDirection.Higher => "higher", IndicatorDirection.Lower => "lower", _ => "neutral" };

    /// <summary>The direction as every page and document states it.</summary>
    public string DirectionZh => Direction switch
    {
        IndicatorDirection.Higher => "越高越好",
        IndicatorDirection.Lower => "越低越好",
        _ => "规模指标（不分高低好坏）",
    };

    /// <summary>Relative distance from the median within which a value counts as level with it (持平).</summary>
    public const decimal MedianTolerance = 0.02m;

    /// <summary>How the tolerance reads on pages and in briefings.</summary>
    public const string MedianToleranceText = "与中位数相差不超过中位数的 2% 视为持平";

    /// <summary>
    /// A value against a reference (the district median): "flat" within <see cref="MedianTolerance"/>, otherwise
    /// "better"/"worse" by the direction, or "above"/"below" for a scale indicator; null without both numbers.
    /// </summary>
    public string? CompareWith(decimal? value, decimal? reference)
    {
        if (value is not { } v || reference is not { } m)
        {
            return null;
        }

        if (Math.Abs(v - m) <= MedianTolerance * Math.Abs(m))
        {
            return "flat";
        }

        return Direction switch
        {
            IndicatorDirection.Neutral => v > m ? "above" : "below",
            _ => (v > m) == (Direction == IndicatorDirection.Higher) ? "better" : "worse",
        };
    }

    /// <summary>
    /// The published count per quarter, 街镇 and district (<c>quarter_key, town_key, district_code, value</c>): rows
    /// without a 街镇 keep a NULL town so they count in the district's total only.
    /// </summary>
    public string PublicSql
    {
        get
        {
            var quantity = QuantityCatalog.Get(Numerator);
            return $"SELECT f.quarter_key, f.town_key, f.district_code, CAST({quantity.Expression} AS BIGINT) AS value FROM {quantity.FactTable} f GROUP BY ALL";
        }
    }

    /// <summary>The indicator as SQL over the facts: the quantities' aggregates per town and quarter, and the ratio.</summary>
    public string DefinitionSql
    {
        get
        {
            var n = QuantityCatalog.Get(Numerator);
            if (Denominator is null)
            {
                return n.DefinitionSql;
            }

            var d = QuantityCatalog.Get(Denominator);
            var scale = Scale.ToString(CultureInfo.InvariantCulture);
            return $"WITH n AS ({n.DefinitionSql}), d AS ({d.DefinitionSql}) " +
                   $"SELECT town_key, quarter_key, {scale} * n.value / nullif(d.value, 0) AS value FROM n JOIN d USING (town_key, quarter_key)";
        }
    }
}
