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
                ? new FactColumn(column, column.Name + "_key", "VARCHAR", FactColumnKind.Pseudonym)
                : new FactColumn(column, column.Name, SqlType(column.Type), FactColumnKind.Value));
        }

        return new FactTable(file, TableName(file), columns);
    }

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
