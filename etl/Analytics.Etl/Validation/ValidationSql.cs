using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Etl.Validation;

/// <summary>
/// Builds the SQL that turns a staged file (raw text) into typed, pseudonymised fact values, the
/// town key, and for each bad row the first offending field, every reason in Chinese and the raw row
/// with personal fields masked. DuckDB evaluates it over whole files at once.
/// </summary>
internal sealed class ValidationSql(FactTable table, Quarter quarter, string pseudonymFunction)
{
    public const string CheckedTable = "stage_checked";
    public const string TownsTable = "stage_towns";

    // A row without a 街镇 (allowed only where town_name is optional) must still name a known district.
    private const string TownCondition = "n_district_code IS NOT NULL AND town_key IS NULL " +
        $"AND (n_town_name IS NOT NULL OR n_district_code NOT IN (SELECT district_code FROM {TownsTable}))";
    // An unknown district code is the district_code field's fault, not the 街镇's.
    private const string TownMessage = $"CASE WHEN n_district_code NOT IN (SELECT district_code FROM {TownsTable}) " +
        "THEN '区划代码(district_code)：未知区划代码「' || n_district_code || '」' " +
        "ELSE '街镇(town_name)：区划 ' || n_district_code || ' 下没有街镇「' || n_town_name || '」' END";

    /// <summary>Creates <c>stage_checked</c>: every row with its values, reason, field and masked raw text.</summary>
    /// <param name="relation">A relation with one VARCHAR column per source column.</param>
    /// <param name="rowExpression">The source row number.</param>
    /// <param name="fileExpression">The file name shown in the quarantine.</param>
    /// <param name="problemExpression">A problem found while reading the row, or NULL.</param>
    /// <param name="problemFieldExpression">The field shown for that problem: (整行) or (文件).</param>
    public string Build(string relation, string rowExpression, string fileExpression, string problemExpression, string problemFieldExpression)
    {
        var source = table.Source;
        var perField = source.Columns.Select(c =>
            $"nullif(concat_ws('；', {string.Join(", ", ChecksOf(c).Select(k => $"CASE WHEN {k.Condition} THEN {k.Message} END").DefaultIfEmpty("NULL"))}), '') AS {Ident("p_" + c.Name)}");
        var townProblem = table.IsPlacedInTown ? $"CASE WHEN {TownCondition} THEN {TownMessage} END" : "NULL";
        var firstField = "CASE WHEN _problem IS NOT NULL THEN _problem_field " +
                         string.Join(" ", source.Columns.Select(c => $"WHEN {Ident("p_" + c.Name)} IS NOT NULL THEN {Literal(c.Name)}")) +
                         (table.IsPlacedInTown ? " WHEN town_problem IS NOT NULL THEN CASE WHEN starts_with(town_problem, '区划代码') THEN 'district_code' ELSE 'town_name' END" : "") + " END";
        // A row the reader could not take apart (empty ledger, no codes row, short line) is quarantined for that
        // alone: its fields are empty because of it, and listing every one as 必填字段为空 would bury the cause.
        var reason = $"coalesce(_problem, nullif(concat_ws('；', {string.Join(", ", source.Columns.Select(c => Ident("p_" + c.Name)))}, town_problem), ''))";
        var masked = "{" + string.Join(", ", source.Columns.Select(c =>
            $"{Literal(c.Name)}: {(IsPseudonymised(c.Name) ? $"CASE WHEN {Ident("n_" + c.Name)} IS NULL THEN NULL ELSE '***' END" : Ident("n_" + c.Name))}")) + "}";

        var (distinctValues, distinctJoins) = DistinctPseudonyms();
        return $"""
            CREATE OR REPLACE TEMP TABLE {CheckedTable} AS
            WITH t AS MATERIALIZED ({TypedRows(relation, rowExpression, fileExpression, problemExpression, problemFieldExpression)}),
            p AS (
                SELECT t.*, {string.Join(",\n                       ", perField)},
                       {townProblem} AS town_problem
                FROM t
            ), r AS (
                SELECT p.*, {reason} AS _reason FROM p
            ){distinctValues}
            SELECT _file, _row, n_district_code AS district_code, town_key,
                   {string.Join(", ", Values())},
                   _reason,
                   {firstField} AS _field,
                   CASE WHEN _reason IS NOT NULL THEN to_json({masked})::VARCHAR END AS _raw
            FROM r{distinctJoins}
            """;
    }

    private (string Key, string Join) TownJoin() => table.IsPlacedInTown
        ? ("town.town_key", $"LEFT JOIN {TownsTable} town ON town.district_code = n.n_district_code AND town.alias = n.n_town_name")
        : ("NULL::INTEGER", "");

    /// <summary>The towns as they stood at the quarter's end, by every name people write for them.</summary>
    public string BuildTowns() => $"""
        CREATE OR REPLACE TEMP TABLE {TownsTable} AS
        SELECT a.district_code, a.alias, r.town_key
        FROM dim_region_alias a JOIN dim_region r ON r.town_code = a.town_code
        WHERE r.valid_from <= DATE '{quarter.LastDay:yyyy-MM-dd}' AND (r.valid_to IS NULL OR r.valid_to > DATE '{quarter.LastDay:yyyy-MM-dd}')
        """;

    // Normalised text (n_*), typed values (t_*) and the town key of every row. Both steps are
    // MATERIALIZED: inlined, DuckDB would re-evaluate each normalisation at every reference.
    private string TypedRows(string relation, string rowExpression, string fileExpression, string problemExpression, string problemFieldExpression)
    {
        var columns = table.Source.Columns;
        var normalised = columns.Select(c => $"{FieldRules.Normalised(c, $"raw.{Ident(c.Name)}")} AS {Ident("n_" + c.Name)}");
        var typed = columns.Select(c => $"{FieldRules.Typed(c, Ident("n_" + c.Name))} AS {Ident("t_" + c.Name)}");
        var (townKey, townJoin) = TownJoin();
        return $"""
            WITH n AS MATERIALIZED (
                SELECT {rowExpression} AS _row, {fileExpression} AS _file, {problemExpression} AS _problem, {problemFieldExpression} AS _problem_field,
                       {string.Join(",\n                       ", normalised)}
                FROM {relation} raw
            )
            SELECT n.*, {townKey} AS town_key,
                   {string.Join(",\n                   ", typed)}
            FROM n {townJoin}
            """;
    }

    private IEnumerable<FieldCheck> ChecksOf(Sources.Catalog.ColumnSpec column) =>
        FieldRules.Checks(column, Ident("n_" + column.Name), Ident("t_" + column.Name), quarter, column.Name == table.Source.PeriodColumn,
            isKey: table.Source.Key.Contains(column.Name));

    // Repeated personal text takes its pseudonym from the joined per-value table (see DistinctPseudonyms); the rest is
    // hashed row by row.
    private IEnumerable<string> Values()
    {
        var repeated = RepeatedPseudonyms(table);
        return table.Columns.Select(c =>
            c.Kind != FactColumnKind.Pseudonym ? $"{Ident("t_" + c.Source.Name)} AS {Ident(c.Name)}"
            : repeated.IndexOf(c) is var i and >= 0 ? $"pseudonym{i}.k AS {Ident(c.Name)}"
            : $"{Pseudonyms.SqlExpression(pseudonymFunction, Ident("t_" + c.Source.Name))} AS {Ident(c.Name)}");
    }

    /// <summary>
    /// Personal text that repeats across rows (names: 12,400 distinct in 2.1 million recipients) is pseudonymised once
    /// per distinct value of the typed rows (CTE <c>t</c>) and joined back, halving the HMAC calls of a
    /// recipients file: the CTEs to append after the last one, and the joins for the final FROM.
    /// </summary>
    private (string Ctes, string Joins) DistinctPseudonyms()
    {
        var repeated = RepeatedPseudonyms(table);
        var ctes = string.Concat(repeated.Select((c, i) =>
            $", pseudonym{i} AS MATERIALIZED (SELECT v, {Pseudonyms.SqlExpression(pseudonymFunction, "v")} AS k " +
            $"FROM (SELECT DISTINCT {Ident("t_" + c.Source.Name)} AS v FROM t WHERE {Ident("t_" + c.Source.Name)} IS NOT NULL))"));
        var joins = string.Concat(repeated.Select((c, i) => $" LEFT JOIN pseudonym{i} ON pseudonym{i}.v = {Ident("t_" + c.Source.Name)}"));
        return (ctes, joins);
    }

    /// <summary>Pseudonymised columns whose values repeat across rows. 身份证号 are one per person: a distinct step would only add work.</summary>
    internal static List<FactColumn> RepeatedPseudonyms(FactTable table) =>
        table.Columns.Where(c => c.Kind == FactColumnKind.Pseudonym && c.Source.Type != ColumnType.CitizenId).ToList();

    private bool IsPseudonymised(string sourceColumn) =>
        table.Columns.Any(f => f.Source.Name == sourceColumn && f.Kind == FactColumnKind.Pseudonym);
}
