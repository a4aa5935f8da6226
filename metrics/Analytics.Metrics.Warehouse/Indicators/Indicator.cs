using System.Globalization;
using Analytics.Metrics.Warehouse.Quantities;

namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>Whether a rise of the indicator is good news (higher) or bad news (lower).</summary>
public enum IndicatorDirection
{
    Higher,
    Lower,
}

/// <summary>
/// One indicator of the catalog: a base quantity, or a ratio of two (× <see cref="Scale"/>: 100 for a rate in %,
/// 1000 for "per thousand"). Ratios are taken after aggregation, so a district's rate is Σ numerator / Σ denominator.
/// </summary>
/// <param name="WatchChanges">A volume whose sudden drop or spike against its own seasonal history is flagged.</param>
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
    bool WatchChanges = false)
{
    public bool IsRatio => Denominator is not null;

    public string Feed => QuantityCatalog.Get(Numerator).Feed;

    public string DirectionText => Direction == IndicatorDirection.Higher ? "higher" : "lower";

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
