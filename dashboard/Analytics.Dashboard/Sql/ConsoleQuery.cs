using Analytics.DuckDb;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// What the console runs for an accepted text, so that DuckDB writes the cells' text itself: a query that can be wrapped
/// runs as <c>SELECT COLUMNS(*)::VARCHAR FROM (…)</c>, its columns named and typed as DuckDB describes the text
/// (<c>DESCRIBE</c>: <c>DECIMAL(10,2)</c>, <c>INTEGER[]</c>, <c>STRUCT(…)</c>); every cell of the result is then DuckDB's
/// own text of the value. A text that cannot be wrapped (EXPLAIN, PRAGMA, a PIVOT with its CREATE TYPE statements, a
/// trailing comment after its semicolon …) runs as typed, and <see cref="ConsoleCellText"/> formats its values.
/// </summary>
public sealed record ConsoleQuery(string Sql, IReadOnlyList<SqlColumn>? Columns)
{
    /// <summary>
    /// The wrapped form of <paramref name="sql"/> when DuckDB prepares it as exactly one read and can describe the text,
    /// else the text itself. Call after <see cref="ReadOnlyStatements.Refusal"/> accepted the text, on the same connection.
    /// </summary>
    public static ConsoleQuery For(DuckDBConnection connection, string sql, int timeoutSeconds)
    {
        var asTyped = new ConsoleQuery(sql, null);
        if (connection.CountStatements(sql) != 1 || connection.StatementTypes(sql)[0] != DuckDBStatementType.Select)
        {
            return asTyped;
        }

        // The line breaks keep a trailing line comment of the text from swallowing the closing parenthesis.
        var body = sql.TrimEnd().TrimEnd(';');
        var wrapped = $"SELECT COLUMNS(*)::VARCHAR FROM (\n{body}\n)";
        try
        {
            // Prepared, not run: the wrapped text must still be one read, or the text runs as typed.
            if (connection.CountStatements(wrapped) != 1 || connection.StatementTypes(wrapped)[0] != DuckDBStatementType.Select)
            {
                return asTyped;
            }

            var columns = Describe(connection, body, timeoutSeconds);
            return columns.Count == 0 ? asTyped : new ConsoleQuery(wrapped, columns);
        }
        catch (DuckDBException error) when (error.TypeOf() is not DuckDBErrorType.Interrupt)
        {
            // Only the wrapping failed to prepare (the text itself was prepared above): run it as typed.
            return asTyped;
        }
    }

    // DESCRIBE binds the text without running it; its names are the text's own (a repeated name stays as written).
    private static List<SqlColumn> Describe(DuckDBConnection connection, string body, int timeoutSeconds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE \n{body}\n";
        using var deadline = command.InterruptAfter(timeoutSeconds);
        using var reader = command.ExecuteReader();
        var columns = new List<SqlColumn>();
        while (reader.Read())
        {
            columns.Add(new SqlColumn(reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }
}
