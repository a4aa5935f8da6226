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

    /// <summary>Largest permitted value, where one exists (a rate in %, a score).</summary>
    public decimal? Maximum { get; init; }

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
