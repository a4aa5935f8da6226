using System.Globalization;
using Analytics.Sources.Catalog;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Etl.Validation;

/// <summary>
/// The SQL for one source column: how its raw text is normalised and typed, and the Chinese reason
/// when it is not acceptable. Evaluated by DuckDB over whole files at once.
/// </summary>
internal static class FieldRules
{
    // Full-width digits and punctuation that Chinese input methods produce, and the ideographic space.
    private const string FullWidth = "０１２３４５６７８９，．％－＋　";
    private const string HalfWidth = "0123456789,.%-+ ";

    /// <summary>
    /// Trimmed text, NULL when blank. Numbers, dates, flags and ids also get full-width characters
    /// folded; translate() is costly, so it runs only on the rare values that are not plain ASCII.
    /// </summary>
    public static string Normalised(ColumnSpec column, string raw) => column.Type switch
    {
        ColumnType.String => $"nullif(trim({raw}, ' \t　'), '')",
        // Upper-cased once here: the check digit X may be typed as x, and the checks read it 20 times.
        ColumnType.CitizenId => $"upper({Folded(raw)})",
        _ => Folded(raw),
    };

    /// <summary>
    /// The strict read's normalisation of a text column: trimmed of spaces, upper-cased for 身份证号, NULL when blank.
    /// Only values that start or end with a space are trimmed: trim() copies every string, the largest cost of the fast
    /// path (docs/performance.md). With <paramref name="trim"/> false
    /// (the file has no quote and no field with an edge space; read_csv reads an empty field as NULL) the text stays as read.
    /// </summary>
    public static string StrictNormalised(ColumnSpec column, string raw, bool trim = true)
    {
        var trimmed = trim ? $"CASE WHEN {raw} = '' THEN NULL WHEN starts_with({raw}, ' ') OR ends_with({raw}, ' ') THEN nullif(trim({raw}), '') ELSE {raw} END" : raw;
        return column.Type == ColumnType.CitizenId ? $"upper({trimmed})" : trimmed;
    }

    private static string Folded(string raw) =>
        $"nullif(trim(CASE WHEN strlen({raw}) = length({raw}) THEN {raw} ELSE translate({raw}, '{FullWidth}', '{HalfWidth}') END), '')";

    /// <summary>The DuckDB type a strict CSV read gives the column; text-like columns stay VARCHAR.</summary>
    public static string StrictType(ColumnSpec column) => column.Type switch
    {
        ColumnType.Int => "BIGINT",
        ColumnType.Decimal => "DECIMAL(18,4)",
        ColumnType.Date => "DATE",
        ColumnType.Bool => "BOOLEAN",
        _ => "VARCHAR",
    };

    /// <summary>True for columns a strict CSV read already types.</summary>
    public static bool IsStrictlyTyped(ColumnSpec column) => StrictType(column) != "VARCHAR";

    /// <summary>The typed value, NULL when blank or not parseable (the error expression says which).</summary>
    public static string Typed(ColumnSpec column, string n) => column.Type switch
    {
        ColumnType.Int => $"TRY_CAST(replace({n}, ',', '') AS BIGINT)",
        ColumnType.Decimal => $"TRY_CAST(replace(replace({n}, ',', ''), '%', '') AS DECIMAL(18,4))",
        ColumnType.Date => $"coalesce(TRY_CAST({n} AS DATE), TRY_CAST(try_strptime({n}, ['%Y/%m/%d', '%Y年%m月%d日', '%Y.%m.%d', '%Y%m%d']) AS DATE))",
        ColumnType.Bool => $"CASE WHEN lower({n}) IN ('true', 't', '1', 'y', 'yes', '是') THEN true WHEN lower({n}) IN ('false', 'f', '0', 'n', 'no', '否') THEN false END",
        ColumnType.CitizenId => $"{CitizenIdFunction.Name}({n})",
        ColumnType.Quarter => $"CASE WHEN regexp_full_match(upper({n}), '\\d{{4}}Q[1-4]') THEN CAST(left({n}, 4) AS INTEGER) * 10 + CAST(right({n}, 1) AS INTEGER) END",
        _ when column.AllowedValues is { Count: > 0 } => CodeOf(column, n),
        _ => n,
    };

    /// <summary>The checks of one field: each a SQL condition that is true when the value is bad, and its Chinese message.</summary>
    /// <param name="textInput">False when <paramref name="n"/> is already typed (the strict CSV read), which drops the text-only checks.</param>
    /// <param name="controlCheck">Whether text is checked for control characters (the fast path proves their absence by its byte scan).</param>
    /// <param name="isKey">A key column: no line break or tab either.</param>
    public static IEnumerable<FieldCheck> Checks(ColumnSpec column, string n, string typed, Sources.Quarter quarter, bool isPeriodColumn,
        bool textInput = true, bool controlCheck = true, bool isKey = false)
    {
        var label = $"{column.Label}({column.Name})";
        if (controlCheck && column.Type is ColumnType.String or ColumnType.CitizenId)
        {
            // A NUL or an escape inside an id makes two ids that look the same; text keeps its tabs and line breaks.
            var pattern = isKey ? ControlCharacters : ControlCharactersInText;
            yield return new($"regexp_matches({n}, '{pattern}')", $"'{label}：含控制字符（如 NUL）'");
        }

        if (column.Required)
        {
            yield return new($"{n} IS NULL", $"'{label}：必填字段为空'");
        }

        var format = column.Type switch
        {
            ColumnType.Int => "不是整数",
            ColumnType.Decimal => "不是数字",
            ColumnType.Date => "不是有效日期（应为 yyyy-MM-dd）",
            ColumnType.Bool => "不是 是/否 (true/false)",
            ColumnType.CitizenId => "身份证号无效（格式、出生日期或校验位错误）",
            ColumnType.Quarter => "不是季度（应为 2024Q3）",
            _ when column.AllowedValues is { Count: > 0 } => $"取值不在允许范围（{string.Join("/", column.AllowedValues.Select(v => v.Code))}）",
            _ => null,
        };
        if (format is not null)
        {
            // Never echo a 身份证号 into the quarantine: it is personal data.
            var shown = column.Type == ColumnType.CitizenId ? "''" : $"'「' || {n} || '」'";
            yield return new($"{n} IS NOT NULL AND {typed} IS NULL", $"'{label}：' || {shown} || '{format}'");
        }

        if (textInput && column.Type == ColumnType.Decimal && column.Unit != "%")
        {
            yield return new($"contains({n}, '%')", $"'{label}：不应为百分数'");
        }

        if (column.Minimum is { } min && column.Type is ColumnType.Int or ColumnType.Decimal)
        {
            var reason = min == 0 ? "不能为负数" : $"不能小于 {min.ToString(CultureInfo.InvariantCulture)}";
            yield return new($"{typed} < {min.ToString(CultureInfo.InvariantCulture)}", $"'{label}：' || {typed}::VARCHAR || ' {reason}'");
        }

        if (column.Maximum is { } max && column.Type is ColumnType.Int or ColumnType.Decimal)
        {
            yield return new($"{typed} > {max.ToString(CultureInfo.InvariantCulture)}",
                $"'{label}：' || {typed}::VARCHAR || ' 超过上限 {max.ToString(CultureInfo.InvariantCulture)}'");
        }

        if (column.Type == ColumnType.Date && isPeriodColumn)
        {
            yield return new($"{typed} NOT BETWEEN DATE '{quarter.FirstDay:yyyy-MM-dd}' AND DATE '{quarter.LastDay:yyyy-MM-dd}'",
                $"'{label}：日期 ' || {typed}::VARCHAR || ' 不在季度 {quarter} 内'");
        }

        if (column.Type == ColumnType.Date)
        {
            yield return new($"{typed} > current_date", $"'{label}：日期 ' || {typed}::VARCHAR || ' 在未来'");
        }

        if (column.Type == ColumnType.Date && !isPeriodColumn)
        {
            var (earliest, bound) = column.YearsBeforeQuarter is { } years
                ? (quarter.FirstDay.AddYears(-years), $"早于季度 {quarter} {years} 年以上")
                : (ColumnSpec.EarliestDate, "早于 1949-10-01");
            yield return new($"{typed} < DATE '{earliest:yyyy-MM-dd}'",
                $"'{label}：日期 ' || {typed}::VARCHAR || ' {bound}，不合理'");
        }

        if (column.Type == ColumnType.Quarter)
        {
            var key = quarter.Year * 10 + quarter.Number;
            yield return new($"{typed} <> {key}", $"'{label}：季度 ' || {n} || ' 与报送目录 {quarter} 不一致'");
        }
    }

    private const string ControlCharacters = "[\\x00-\\x1F\\x7F]";
    private const string ControlCharactersInText = "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]";

    // Accepts the code or its Chinese label (低保 → dibao).
    private static string CodeOf(ColumnSpec column, string n)
    {
        var cases = column.AllowedValues!.Select(v => $"WHEN {n} IN ({Literal(v.Code)}, {Literal(v.Label)}) THEN {Literal(v.Code)}");
        return $"CASE {string.Join(" ", cases)} END";
    }
}

/// <summary>One check of a field: <paramref name="Condition"/> is true for a bad value; <paramref name="Message"/> is a SQL expression giving the Chinese reason.</summary>
internal sealed record FieldCheck(string Condition, string Message);
