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
public sealed record FactColumn(ColumnSpec Source, string Name, string SqlType, FactColumnKind Kind)
{
    /// <summary>
    /// The compression DuckDB stores the column with (<c>fsst</c>, <c>dictionary</c>), or null to let DuckDB choose.
    /// Named where the choice is known: DuckDB picks the same one itself, but tries every method first, which slows the
    /// load's INSERT for the same stored size (docs/performance.md).
    /// </summary>
    public string? Compression { get; init; }

    /// <summary>The column's definition in CREATE TABLE.</summary>
    public string Definition => Compression is null ? $"{Name} {SqlType}" : $"{Name} {SqlType} USING COMPRESSION {Compression}";
}
