namespace Analytics.Sources.Catalog;

/// <summary>The value type of a source column, with its one text form in files.</summary>
public enum ColumnType
{
    /// <summary>Whole number, invariant culture, no thousands separators.</summary>
    Int,
    /// <summary>Decimal with '.' as separator, no thousands separators; money in 元 with 2 places.</summary>
    Decimal,
    /// <summary>ISO date yyyy-MM-dd.</summary>
    Date,
    String,
    /// <summary><c>true</c> / <c>false</c> (ledgers also accept 是 / 否).</summary>
    Bool,
    /// <summary>18-character 身份证号 with a valid GB 11643 check character.</summary>
    CitizenId,
    /// <summary>A quarter written 2024Q3.</summary>
    Quarter,
}
