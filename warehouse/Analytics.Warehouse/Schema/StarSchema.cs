using Analytics.Sources.Catalog;

namespace Analytics.Warehouse.Schema;

/// <summary>
/// The fact tables of the warehouse, one per source file of the catalog (docs/warehouse-schema.md
/// describes them). Derived from the catalog so that a column added to a feed has one definition.
/// </summary>
public static class StarSchema
{
    private static readonly Lazy<IReadOnlyList<FactTable>> Tables = new(() => SourceCatalog.AllFiles.Select(Build).ToList());

    public static IReadOnlyList<FactTable> FactTables => Tables.Value;

    public static FactTable For(FileSpec file) => FactTables.First(t => t.Source == file);

    public static IEnumerable<FactTable> ForFeed(string feedId) => FactTables.Where(t => t.Source.FeedId == feedId);

    /// <summary><c>fact_&lt;feed&gt;_&lt;file&gt;</c>; the ledger, one file per feed, is simply <c>fact_ledger</c>.</summary>
    public static string TableName(FileSpec file) =>
        file.FeedId == "ledger" ? "fact_ledger" : $"fact_{file.FeedId}_{file.Id}";

    /// <summary>Columns that identify a person: names and 身份证号, never stored in clear.</summary>
    public static bool IsPersonal(FileSpec file, ColumnSpec column) =>
        column.Type == ColumnType.CitizenId || (column.Name == "name" && column.Label == "姓名");

    private static FactTable Build(FileSpec file)
    {
        var columns = new List<FactColumn>();
        foreach (var column in file.Columns)
        {
            // Placed through the leading district_code/town_key/quarter_key columns instead.
            if (column.Name is "district_code" or "town_name" || column.Type == ColumnType.Quarter)
            {
                continue;
            }

            columns.Add(IsPersonal(file, column)
                ? new FactColumn(column, column.Name + "_key", "VARCHAR", FactColumnKind.Pseudonym) { Compression = Compression(column, personal: true) }
                : new FactColumn(column, column.Name, SqlType(column.Type), FactColumnKind.Value) { Compression = Compression(column, personal: false) });
        }

        return new FactTable(file, TableName(file), columns);
    }

    // Identifiers (one value per row or per person) compress best with FSST, coded values with a dictionary; DuckDB's
    // own analysis picks the same for the city data. Other text is left to DuckDB: forcing a dictionary on the name
    // pseudonyms (12,400 names, but each segment needs its own dictionary) made the city warehouse 12% larger.
    private static string? Compression(ColumnSpec column, bool personal) => column switch
    {
        { Type: ColumnType.CitizenId } => "fsst",
        _ when personal => null,
        { Type: ColumnType.String, AllowedValues.Count: > 0 } => "dictionary",
        { Type: ColumnType.String } when column.Name.EndsWith("_id", StringComparison.Ordinal) => "fsst",
        _ => null,
    };

    public static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Int => "BIGINT",
        ColumnType.Decimal => "DECIMAL(18,4)",
        ColumnType.Date => "DATE",
        ColumnType.Bool => "BOOLEAN",
        ColumnType.Quarter => "INTEGER",
        _ => "VARCHAR",
    };
}
