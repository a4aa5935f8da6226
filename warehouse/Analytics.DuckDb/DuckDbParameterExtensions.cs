using DuckDB.NET.Data;

namespace Analytics.DuckDb;

/// <summary>
/// Positional parameters (<c>$1</c>, <c>?</c>) in one call, null meaning SQL NULL: DuckDB.NET's collection has no such
/// method, and the product's commands bind this way throughout.
/// </summary>
public static class DuckDbParameterExtensions
{
    public static DuckDBParameter AddValue(this DuckDBParameterCollection parameters, object? value)
    {
        var parameter = new DuckDBParameter(value ?? DBNull.Value);
        parameters.Add(parameter);
        return parameter;
    }
}
