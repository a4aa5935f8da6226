using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Etl.Validation;

/// <summary>
/// The fast path's SQL for a CSV extract that is probably clean: one parallel INSERT straight from DuckDB's typed
/// read_csv, every value normalised and typed once, then one scan of the inserted rows that finds any row a check
/// would reject and any repeated key. A value whose problem the stored column cannot show (a code outside the
/// allowed list, an invalid 身份证号) is stored as <see cref="InvalidMarker"/>, which the scan finds. When the scan
/// finds anything, the caller deletes the rows again and the staged path, which names each row's reason, takes over.
/// </summary>
/// <remarks>Close to DuckDB's bare CREATE TABLE AS read_csv; the measurements are in docs/performance.md.</remarks>
/// <param name="valuesNeedTrimming">
/// False when a scan of the file found no field beginning or ending with a space and no quote (so no field is an
/// empty ''): the text as read is then the normalised text, and the per-value trimming is left out.
/// </param>
internal sealed class StrictLoadSql(FactTable table, Quarter quarter, string pseudonymFunction, bool valuesNeedTrimming = true)
{
    /// <summary>Stored for a value a check rejects but NULL cannot stand for; no code or pseudonym looks like it.</summary>
    public const string InvalidMarker = "!invalid";

    /// <summary>The town key of a row naming a 街镇 that does not exist, where a row may also name none (never a real key).</summary>
    public const int UnknownTownMarker = -1;

    private const string PseudonymTable = "stage_pseudonym";

    /// <summary>
    /// False when a check reads a column the fact table does not keep (the ledger's quarter column): the scan of the
    /// stored rows could not see it, so such files take the staged path.
    /// </summary>
    public static bool Applies(FactTable table) => table.Source.Columns.All(c => c.Type != ColumnType.Quarter);

    /// <summary>
    /// The key column whose distinctness a scan of the raw file can prove: a single plain text key, stored as read
    /// (a code list or a typed value could make two different texts one value). Null for other keys.
    /// </summary>
    public static string? ProvableKey(FactTable table) =>
        table.Source.Key is [var key] && table.Source.Column(key) is { Type: ColumnType.String, AllowedValues: null or { Count: 0 } } ? key : null;

    /// <summary>
    /// Personal text that repeats (names: 12,400 distinct in 2.1 million recipients) is pseudonymised once per distinct
    /// value: one statement per such column, creating the table the insert joins. <paramref name="readOptions"/> must
    /// skip lines it cannot split: the insert's own read records those and sends the file to the staged path.
    /// </summary>
    public IEnumerable<string> BuildRepeatedPseudonyms(string csvPath, string readOptions) =>
        RepeatedPseudonyms().Select((column, i) => $"""
            CREATE OR REPLACE TEMP TABLE {PseudonymTable}{i} AS
            SELECT v, {Pseudonyms.SqlExpression(pseudonymFunction, "v")} AS k
            FROM (SELECT DISTINCT {Normalised(column.Source)} AS v FROM read_csv({Literal(csvPath)}, {readOptions}) raw)
            WHERE v IS NOT NULL
            """);

    /// <summary>Drops what <see cref="BuildRepeatedPseudonyms"/> created: its tables hold the clear text beside each pseudonym.</summary>
    public string DropRepeatedPseudonyms() =>
        string.Concat(RepeatedPseudonyms().Select((_, i) => $"DROP TABLE IF EXISTS {PseudonymTable}{i};"));

    /// <summary>The INSERT of every row read, tagged with the run and quarter; the row count is the statement's result.</summary>
    public string BuildInsert(string csvPath, IReadOnlyList<string> header, string readOptions, long runId, int quarterKey)
    {
        var source = table.Source;
        var types = ColumnTypes(header, c => FieldRules.StrictType(source.Column(c)));
        var repeated = RepeatedPseudonyms();
        var values = table.Columns.Select(c => c.Kind != FactColumnKind.Pseudonym ? Value(c.Source)
            : repeated.IndexOf(c) is var i and >= 0 ? $"p{i}.k"
            : Pseudonym(c.Source));
        var joins = repeated.Select((c, i) => $"LEFT JOIN {PseudonymTable}{i} p{i} ON p{i}.v = {Normalised(c.Source)}").ToList();
        var townKey = "NULL::INTEGER";
        if (table.IsPlacedInTown)
        {
            // Where a row may name no town, a named but unknown one is marked so that the check below tells the two apart.
            townKey = table.AllowsDistrictLevelRows
                ? $"CASE WHEN {Normalised(source.Column("town_name"))} IS NULL THEN NULL ELSE coalesce(town.town_key, {UnknownTownMarker}) END"
                : "town.town_key";
            joins.Add($"LEFT JOIN {ValidationSql.TownsTable} town ON town.district_code = {Normalised(source.Column("district_code"))} " +
                      $"AND town.alias = {Normalised(source.Column("town_name"))}");
        }

        // district_code is NOT NULL in the fact table: a blank one is stored as '' (which the scan rejects) rather than
        // failing the statement, which would abort the load's transaction.
        return $"""
            INSERT INTO {table.Name} (run_id, quarter_key, district_code, town_key, {string.Join(", ", table.Columns.Select(c => Ident(c.Name)))})
            SELECT {runId}, {quarterKey}, coalesce({Normalised(source.Column("district_code"))}, ''), {townKey},
                   {string.Join(",\n                   ", values)}
            FROM read_csv({Literal(csvPath)}, columns = {types}, {readOptions}) raw
            {string.Join("\n            ", joins)}
            """;
    }

    /// <summary>
    /// One row: how many of the run's rows a check rejects, and how many repeat another row's key (0 without counting
    /// when <paramref name="keysProvenDistinct"/>: the distinct count was 70% of this scan).
    /// </summary>
    /// <param name="runId">The run whose rows are checked.</param>
    /// <param name="keysProvenDistinct">The byte scan proved the keys distinct.</param>
    /// <param name="controlBytesPossible">False when the byte scan found no control character, so text needs no such check.</param>
    public string BuildVerification(long runId, bool keysProvenDistinct = false, bool controlBytesPossible = true)
    {
        var source = table.Source;
        var conditions = new List<string>();
        foreach (var column in table.Columns)
        {
            var stored = Ident(column.Name);
            // Stored values are typed already: the checks read them as both the text and the typed value.
            conditions.AddRange(FieldRules.Checks(column.Source, stored, stored, quarter, column.Source.Name == source.PeriodColumn, textInput: false,
                    controlCheck: controlBytesPossible && column.Kind != FactColumnKind.Pseudonym, isKey: source.Key.Contains(column.Source.Name))
                .Select(k => k.Condition));
            if (CanBeInvalid(column))
            {
                conditions.Add($"{stored} = {Literal(InvalidMarker)}");
            }
        }

        conditions.AddRange(FieldRules.Checks(source.Column("district_code"), "nullif(district_code, '')", "nullif(district_code, '')", quarter, false, textInput: false,
                controlCheck: controlBytesPossible)
            .Select(k => k.Condition));
        if (table.AllowsDistrictLevelRows)
        {
            // A district-level row keeps a NULL key but must name a known district; a named, unknown 街镇 is marked.
            conditions.Add($"town_key = {UnknownTownMarker} OR (town_key IS NULL AND district_code NOT IN (SELECT district_code FROM {ValidationSql.TownsTable}))");
        }
        else if (table.IsPlacedInTown)
        {
            // An unknown or blank 街镇 leaves the key empty.
            conditions.Add("town_key IS NULL");
        }

        // The keys themselves, not hash(): DuckDB's hash gave 662,935 values for 736,759 distinct payment ids.
        var keys = table.KeyColumns.Select(Ident).ToList();
        var key = keys.Count == 1 ? keys[0] : $"row({string.Join(", ", keys)})";
        var repeated = keysProvenDistinct ? "0" : $"(SELECT count(*) - count(DISTINCT {key}) FROM {table.Name} WHERE run_id = {runId})";
        // A WHERE counts a row when any condition is true, in one pass over the run's rows.
        return $"""
            SELECT (SELECT count(*) FROM {table.Name} WHERE run_id = {runId}
                    AND ({string.Join("\n                OR ", conditions.Select(c => $"({c})"))})),
                   {repeated}
            """;
    }

    // The normalised text of a column as the strict read gives it; typed columns are already values.
    private string Normalised(ColumnSpec column) => FieldRules.IsStrictlyTyped(column)
        ? $"raw.{Ident(column.Name)}"
        : FieldRules.StrictNormalised(column, $"raw.{Ident(column.Name)}", valuesNeedTrimming);

    private string Value(ColumnSpec column)
    {
        var normalised = Normalised(column);
        return column.AllowedValues is { Count: > 0 }
            ? $"coalesce({FieldRules.Typed(column, normalised)}, CASE WHEN {normalised} IS NOT NULL THEN {Literal(InvalidMarker)} END)"
            : FieldRules.IsStrictlyTyped(column) ? normalised : FieldRules.Typed(column, normalised);
    }

    private string Pseudonym(ColumnSpec column)
    {
        var normalised = Normalised(column);
        var pseudonym = Pseudonyms.SqlExpression(pseudonymFunction, FieldRules.Typed(column, normalised));
        return column.Type == ColumnType.CitizenId
            ? $"CASE WHEN {normalised} IS NOT NULL THEN coalesce({pseudonym}, {Literal(InvalidMarker)}) END"
            : pseudonym;
    }

    private static bool CanBeInvalid(FactColumn column) =>
        column.Source.AllowedValues is { Count: > 0 } || (column.Kind == FactColumnKind.Pseudonym && column.Source.Type == ColumnType.CitizenId);

    private static string ColumnTypes(IReadOnlyList<string> header, Func<string, string> type) =>
        "{" + string.Join(", ", header.Select(h => $"{Literal(h)}: '{type(h)}'")) + "}";

    private List<FactColumn> RepeatedPseudonyms() => ValidationSql.RepeatedPseudonyms(table);
}
