using Analytics.Dashboard.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The console shows DuckDB's own text of a value: DuckDB writes it for a query that can be wrapped, and the console's
/// formatter writes the same for a text that cannot (a PIVOT with its CREATE TYPE statements), with exact strings for
/// LIST, STRUCT, MAP, INTERVAL, DECIMAL, TIMESTAMP and NULL.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ConsoleCellTextTests(DashboardFixture fixture)
{
    private const string Values = """
        SELECT 'k1' AS k, [1, 2] AS l, {'a': 1, 'b': 'x'} AS s, MAP {'k': 1} AS m,
               INTERVAL 14 MONTH + INTERVAL 3 DAY + INTERVAL 5250 MILLISECOND AS i, 1.50::DECIMAL(10,2) AS d,
               TIMESTAMP '2024-01-02 03:04:05.5' AS t, NULL::INTEGER AS n
        """;

    // DuckDB 1.5.6's ::VARCHAR of each value; NULL is an empty cell.
    private static readonly string?[] DuckDbText =
        ["[1, 2]", "{'a': 1, 'b': x}", "{k=1}", "1 year 2 months 3 days 00:00:05.25", "1.50", "2024-01-02 03:04:05.5", null];

    private SqlSandbox Sandbox => fixture.Services.GetRequiredService<SqlSandbox>();

    [Fact]
    public void A_plain_select_is_written_by_duckdb_with_the_types_duckdb_describes()
    {
        var result = Sandbox.Run("console-text-wrapped", Values + " -- a trailing comment");

        Assert.Null(result.Error);
        Assert.Equal(
            [("k", "VARCHAR"), ("l", "INTEGER[]"), ("s", "STRUCT(a INTEGER, b VARCHAR)"), ("m", "MAP(VARCHAR, INTEGER)"),
             ("i", "INTERVAL"), ("d", "DECIMAL(10,2)"), ("t", "TIMESTAMP"), ("n", "INTEGER")],
            result.Columns.Select(c => (c.Name, c.Type)).ToList());
        Assert.Equal(["k1", .. DuckDbText], Assert.Single(result.Rows));
    }

    [Fact]
    public void A_pivot_that_cannot_be_wrapped_is_formatted_by_the_console_as_duckdb_writes_it()
    {
        var result = Sandbox.Run("console-text-pivot",
            $"PIVOT ({Values}) ON k USING first(l) AS l, first(s) AS s, first(m) AS m, first(i) AS i, first(d) AS d, first(t) AS t, first(n) AS n");

        Assert.Null(result.Error);
        Assert.Equal(
            [("k1_l", "LIST"), ("k1_s", "STRUCT"), ("k1_m", "MAP"), ("k1_i", "INTERVAL"), ("k1_d", "DECIMAL"), ("k1_t", "TIMESTAMP"), ("k1_n", "INTEGER")],
            result.Columns.Select(c => (c.Name, c.Type)).ToList());
        Assert.Equal(DuckDbText, Assert.Single(result.Rows));
    }

    [Fact]
    public void Repeated_column_names_stay_as_written_and_a_semicolon_ends_the_wrapped_text()
    {
        var result = Sandbox.Run("console-text-names", "SELECT 1 AS a, 2.5::DOUBLE AS a;  ");

        Assert.Null(result.Error);
        Assert.Equal([("a", "INTEGER"), ("a", "DOUBLE")], result.Columns.Select(c => (c.Name, c.Type)).ToList());
        Assert.Equal(["1", "2.5"], Assert.Single(result.Rows));
    }
}
