using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// Which console texts may run, decided by DuckDB: the text must be one statement and DuckDB must prepare it as a read
/// (<see cref="DuckDBStatementType.Select"/>, which DESCRIBE, SHOW, SUMMARIZE and PRAGMA queries become, or
/// <see cref="DuckDBStatementType.Explain"/>). COPY, EXPORT, ATTACH, SET, CALL (CHECKPOINT), CREATE, LOAD and every
/// other kind never run, whatever files the engine would let them reach. EXPLAIN ANALYZE executes the statement it
/// explains, so an EXPLAIN that mentions ANALYZE is refused. Ask only on a sandbox connection (external access off):
/// preparing binds, and binding EXPORT DATABASE already creates its folder.
/// <para>
/// One exception, also decided by the engine: DuckDB's parser turns a PIVOT whose values come from the data into its own
/// <c>CREATE TEMPORARY TYPE … AS ENUM (SELECT DISTINCT …)</c> statements followed by the query. Such a text is tried
/// first with the query held back: each leading statement must be prepared as a CREATE, they run inside a transaction of
/// the private instance, and DuckDB's catalog must then differ only by temporary ENUM types; anything else is rolled back
/// and refused as several statements. Only then does the whole text run, on the same private instance, so its leading
/// statements are the CREATEs just checked.
/// </para>
/// </summary>
public static partial class ReadOnlyStatements
{
    /// <summary>
    /// Null when <paramref name="sql"/> may run; otherwise the reason in Chinese. DuckDB's parse and bind errors propagate.
    /// <paramref name="allowPivotPrelude"/> is off where the text is wrapped in another statement (a Parquet export).
    /// </summary>
    public static string? Refusal(DuckDBConnection connection, string sql, bool allowExplain = true, bool allowPivotPrelude = true, int timeoutSeconds = 0)
    {
        var count = connection.CountStatements(sql);
        if (count == 1)
        {
            return TypeRefusal(connection.StatementTypes(sql)[0], sql, allowExplain);
        }

        if (!allowPivotPrelude)
        {
            return SeveralStatements(count);
        }

        var query = PivotPreludeOnly(connection, sql, timeoutSeconds);
        return query is { } type ? TypeRefusal(type, sql, allowExplain) : SeveralStatements(count);
    }

    private static string? TypeRefusal(DuckDBStatementType type, string sql, bool allowExplain) => type switch
    {
        DuckDBStatementType.Select => null,
        DuckDBStatementType.Explain when !allowExplain => "导出只接受查询语句（SELECT），不接受 EXPLAIN。",
        DuckDBStatementType.Explain when Analyze().IsMatch(sql) => "查询台不执行 EXPLAIN ANALYZE（它会真正执行被解释的语句），请使用 EXPLAIN。",
        DuckDBStatementType.Explain => null,
        _ => $"查询台只能读取数据：这是一条 {type.ToString().ToUpperInvariant()} 语句，不会执行（read-only console: DuckDB prepared a {type} statement）。",
    };

    private static string SeveralStatements(int count) =>
        $"每次只能执行一条语句，这段文本包含 {count} 条（only one statement per query: DuckDB would run every statement of the text）。";

    /// <summary>
    /// Runs the text's leading statements (each must be prepared as a CREATE) in a transaction, the last held back; when
    /// they added nothing to the catalog but temporary ENUM types, the last statement's prepared type, else null. Always
    /// rolled back.
    /// </summary>
    private static DuckDBStatementType? PivotPreludeOnly(DuckDBConnection connection, string sql, int timeoutSeconds)
    {
        var before = CatalogObjects(connection);
        using var transaction = connection.BeginTransaction();
        try
        {
            // Stops before the query itself, or before a leading statement that is no CREATE.
            DuckDBStatementType? query = null;
            using (connection.InterruptAfter(timeoutSeconds))
            {
                connection.RunStatementsWhile(sql, (index, count, type) =>
                {
                    if (index == count - 1)
                    {
                        query = type;
                        return false;
                    }

                    return type == DuckDBStatementType.Create;
                });
            }

            var after = CatalogObjects(connection);
            return after.Others == before.Others && after.TemporaryEnums > before.TemporaryEnums ? query : null;
        }
        finally
        {
            transaction.Rollback();
        }
    }

    /// <summary>
    /// Counts of what a CREATE can add to the catalog (tables, views, sequences, indexes, macros, schemas, types), the temporary
    /// ENUM types apart. Secrets are not listed (duckdb_secrets() needs file access); a persistent one cannot be made
    /// (<see cref="SandboxInstance"/>) and a temporary one opens nothing without extensions.
    /// </summary>
    private static Catalog CatalogObjects(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
                (SELECT count(*) FROM duckdb_tables())
              + (SELECT count(*) FROM duckdb_views())
              + (SELECT count(*) FROM duckdb_sequences())
              + (SELECT count(*) FROM duckdb_indexes())
              + (SELECT count(*) FROM duckdb_functions() WHERE NOT internal)
              + (SELECT count(*) FROM duckdb_schemas())
              + (SELECT count(*) FROM duckdb_types() WHERE NOT (database_name = 'temp' AND logical_type = 'ENUM')),
                (SELECT count(*) FROM duckdb_types() WHERE database_name = 'temp' AND logical_type = 'ENUM')
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Catalog(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    private sealed record Catalog(long Others, long TemporaryEnums);

    [GeneratedRegex(@"\banaly[sz]e\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Analyze();
}
