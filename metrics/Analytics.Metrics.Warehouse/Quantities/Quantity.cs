namespace Analytics.Metrics.Warehouse.Quantities;

/// <summary>How a quarterly quantity becomes a yearly one (and a district one from its towns).</summary>
public enum QuantityKind
{
    /// <summary>Counted within the period (人次, 件): a year is the sum of its quarters.</summary>
    Flow,

    /// <summary>Value at the end of the period (人数, 床位): a year is its last quarter.</summary>
    Stock,

    /// <summary>Largest value in the period (最长报灾时长): a year is the maximum of its quarters.</summary>
    Max,
}

/// <summary>
/// A base quantity measured per town and quarter from one fact table: <paramref name="Expression"/> is a SQL
/// aggregate over the table's rows (alias <c>f</c>). Rubric inputs and indicators are built from these.
/// </summary>
/// <param name="ZeroWhenAbsent">A town with no rows in a loaded quarter has 0 (system feeds); ledger figures stay unknown instead.</param>
public sealed record Quantity(string Code, string Label, string Unit, string Feed, string FactTable, string Expression, QuantityKind Kind, bool ZeroWhenAbsent)
{
    /// <summary>The quantity's definition as one SQL statement, for dim_indicator and the analyst.</summary>
    public string DefinitionSql => $"SELECT town_key, quarter_key, {Expression} AS value FROM {FactTable} f GROUP BY town_key, quarter_key";
}
