using Analytics.Sources.Catalog;

namespace Analytics.Warehouse.Schema;

/// <summary>How a source column lands in its fact table.</summary>
public enum FactColumnKind
{
    /// <summary>Stored as its typed value.</summary>
    Value,
    /// <summary>Personal data: stored only as a keyed HMAC pseudonym (column name gets a <c>_key</c> suffix).</summary>
    Pseudonym,
}

/// <summary>One warehouse column of a fact table and the source column it comes from.</summary>
public sealed record FactColumn(ColumnSpec Source, string Name, string SqlType, FactColumnKind Kind);
