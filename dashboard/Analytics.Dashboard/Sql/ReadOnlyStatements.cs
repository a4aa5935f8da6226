using System.Text.RegularExpressions;
using Analytics.DuckDb;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// Which console texts may run, decided by DuckDB: the text must be one statement and DuckDB must prepare it as a read
/// (<see cref="DuckDbStatementType.Select"/>, which DESCRIBE, SHOW, SUMMARIZE, PIVOT and PRAGMA queries become, or
/// <see cref="DuckDbStatementType.Explain"/>). COPY, EXPORT, ATTACH, SET, CALL (CHECKPOINT), CREATE, LOAD and every
/// other kind never run, whatever files the engine would let them reach. EXPLAIN ANALYZE executes the statement it
/// explains, so an EXPLAIN that mentions ANALYZE is refused. Ask only on a sandbox connection (external access off):
/// preparing binds, and binding EXPORT DATABASE already creates its folder.
/// </summary>
public static partial class ReadOnlyStatements
{
    /// <summary>Null when <paramref name="sql"/> may run; otherwise the reason in Chinese. DuckDB's parse and bind errors propagate.</summary>
    public static string? Refusal(DuckDbConnection connection, string sql, bool allowExplain = true)
    {
        var count = connection.CountStatements(sql);
        if (count != 1)
        {
            return $"每次只能执行一条语句，这段文本包含 {count} 条（only one statement per query: DuckDB would run every statement of the text）。";
        }

        var type = connection.StatementTypes(sql)[0];
        return type switch
        {
            DuckDbStatementType.Select => null,
            DuckDbStatementType.Explain when !allowExplain => "导出只接受查询语句（SELECT），不接受 EXPLAIN。",
            DuckDbStatementType.Explain when Analyze().IsMatch(sql) => "查询台不执行 EXPLAIN ANALYZE（它会真正执行被解释的语句），请使用 EXPLAIN。",
            DuckDbStatementType.Explain => null,
            _ => $"查询台只能读取数据：这是一条 {type.ToString().ToUpperInvariant()} 语句，不会执行（read-only console: DuckDB prepared a {type} statement）。",
        };
    }

    [GeneratedRegex(@"\banaly[sz]e\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Analyze();
}
