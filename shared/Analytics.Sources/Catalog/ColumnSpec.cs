namespace Analytics.Sources.Catalog;

/// <summary>One column of a source file: name, type, whether required, unit, Chinese label and permitted values.</summary>
public sealed record ColumnSpec(
    string Name,
    ColumnType Type,
    bool Required,
    string Label,
    string? Unit = null,
    IReadOnlyList<AllowedValue>? AllowedValues = null,
    Aggregation Aggregation = Aggregation.None,
    string? Description = null)
{
    /// <summary>Smallest permitted value of an Int or Decimal column; quantities are never negative.</summary>
    public decimal? Minimum { get; init; } = Type is ColumnType.Int or ColumnType.Decimal ? 0m : null;

    /// <summary>Largest permitted value, where one exists (a rate in %, a score, a plausible payment ceiling).</summary>
    public decimal? Maximum { get; init; }

    /// <summary>
    /// How many years before its quarter a date of this column may lie, where the field has such a bound (a deadline
    /// near its event); older is a typing error. Every date lies on or after <see cref="EarliestDate"/> and not in the
    /// future, and a date of the period column lies in the quarter.
    /// </summary>
    public int? YearsBeforeQuarter { get; init; }

    /// <summary>No civil-affairs record of the warehouse predates 1949-10-01; an earlier date is a typing error (1024 for 2024).</summary>
    public static readonly DateOnly EarliestDate = new(1949, 10, 1);

    /// <summary>True when <paramref name="code"/> is one of <see cref="AllowedValues"/> (always true when the column is not coded).</summary>
    public bool Allows(string code) => AllowedValues is null || AllowedValues.Any(v => v.Code == code);

    internal static ColumnSpec Id(string name, string label) => new(name, ColumnType.String, true, label);
    internal static ColumnSpec Text(string name, string label, bool required = true) => new(name, ColumnType.String, required, label);
    internal static ColumnSpec Date(string name, string label, bool required = true) => new(name, ColumnType.Date, required, label);
    internal static ColumnSpec Flag(string name, string label) => new(name, ColumnType.Bool, true, label);
    internal static ColumnSpec Count(string name, string label, string unit, Aggregation aggregation = Aggregation.None) =>
        new(name, ColumnType.Int, true, label, unit, Aggregation: aggregation);
    internal static ColumnSpec Money(string name, string label) => new(name, ColumnType.Decimal, true, label, "元");
    internal static ColumnSpec Coded(string name, string label, params AllowedValue[] values) =>
        new(name, ColumnType.String, true, label, AllowedValues: values);
}
