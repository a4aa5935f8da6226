using Analytics.DuckDb.Internal;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.DuckDb;

/// <summary>What the product needs of a <see cref="DuckDBConnection"/> that DuckDB.NET does not offer (README.md says why).</summary>
public static class DuckDbConnectionExtensions
{
    private static readonly object RegistrationGate = new();

    /// <summary>The bulk appender over DuckDB's <c>arrow_scan</c>, for loads whose speed matters (<see cref="ArrowAppender"/>).</summary>
    public static ArrowAppender CreateArrowAppender(this DuckDBConnection connection, string table) => new(connection, schema: null, table);

    /// <inheritdoc cref="CreateArrowAppender(DuckDBConnection, string)"/>
    public static ArrowAppender CreateArrowAppender(this DuckDBConnection connection, string schema, string table) => new(connection, schema, table);

    /// <summary>
    /// Registers a VARCHAR → VARCHAR function over UTF-8 bytes (<see cref="DuckDbUtf8Function"/>, results of at most
    /// <paramref name="maxOutputBytes"/> ≤ 1024 bytes) unless this database already has a function of that name; true when
    /// it registered. The function serves every connection of the database until it closes. Connections on several threads
    /// may call it at once.
    /// </summary>
    public static bool RegisterFunctionIfAbsent(this DuckDBConnection connection, string name, int maxOutputBytes, DuckDbUtf8Function function)
    {
        lock (RegistrationGate)
        {
            // Calling the function on NULL is cheap; listing duckdb_functions() to find it cost 28 ms a call.
            switch (NativeQuery.TryQuery(connection.NativeConnection, $"SELECT \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"(NULL::VARCHAR)"))
            {
                case null:
                    return false;
                case { Type: not DuckDBErrorType.Catalog } error:
                    throw ThrowHelper.DuckDb(error);
            }

            Utf8ScalarFunction.RegisterDurably(connection, name, maxOutputBytes, function);
            return true;
        }
    }

    /// <summary>
    /// How many SQL statements DuckDB's own parser finds in <paramref name="commandText"/>, without preparing or running any;
    /// a text DuckDB cannot parse throws <see cref="DuckDBException"/> with DuckDB's message.
    /// </summary>
    public static int CountStatements(this DuckDBConnection connection, string commandText)
    {
        using var statements = ExtractedStatements.Extract(connection.NativeConnection, commandText);
        return statements.Count;
    }

    /// <summary>
    /// The type of every statement of <paramref name="commandText"/> as DuckDB prepares it, without executing any: DESCRIBE,
    /// SHOW, SUMMARIZE, PIVOT and PRAGMA queries are <see cref="DuckDBStatementType.Select"/>, CHECKPOINT is
    /// <see cref="DuckDBStatementType.Call"/>. Preparing binds against the current catalog (a statement that needs a table an
    /// earlier one would create fails here) with the binder's side effects (that of EXPORT DATABASE creates its folder: ask
    /// with external access off); a text DuckDB cannot parse or bind throws <see cref="DuckDBException"/>.
    /// </summary>
    public static IReadOnlyList<DuckDBStatementType> StatementTypes(this DuckDBConnection connection, string commandText)
    {
        using var statements = ExtractedStatements.Extract(connection.NativeConnection, commandText);
        var types = new DuckDBStatementType[statements.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = statements.PreparedType(i);
        }

        return types;
    }

    /// <summary>
    /// Runs the statements of <paramref name="commandText"/> in order, each prepared just before it runs (so a statement
    /// may use what an earlier one created), for as long as <paramref name="proceed"/> (index, count, prepared type)
    /// accepts them; returns the type of the first statement refused, or null when all ran. DuckDB.NET runs a text's
    /// statements with no look at their types in between; the SQL console needs one.
    /// </summary>
    public static DuckDBStatementType? RunStatementsWhile(this DuckDBConnection connection, string commandText, Func<int, int, DuckDBStatementType, bool> proceed)
    {
        using var statements = ExtractedStatements.Extract(connection.NativeConnection, commandText);
        for (var i = 0; i < statements.Count; i++)
        {
            var index = i;
            var (type, ran) = statements.RunIf(i, t => proceed(index, statements.Count, t));
            if (!ran)
            {
                return type;
            }
        }

        return null;
    }
}
