using System.Text;

namespace Analytics.Sources.Catalog;

/// <summary>DDL of the PostgreSQL source tables: one table per catalog file, same columns, plus <c>extract_quarter</c> first.</summary>
public static class PostgresSchema
{
    /// <summary>The PostgreSQL type of a catalog column type.</summary>
    public static string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Int => "bigint",
        ColumnType.Decimal => "numeric",
        ColumnType.Date => "date",
        ColumnType.Bool => "boolean",
        _ => "text",
    };

    /// <summary><c>CREATE TABLE IF NOT EXISTS</c> for one file; the key is (extract_quarter, file key).</summary>
    public static string CreateTable(FileSpec file)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE IF NOT EXISTS ").Append(file.PostgresTable).Append(" (\n");
        sql.Append("    ").Append(SourceCatalog.PostgresQuarterColumn).Append(" text NOT NULL,\n");
        foreach (var column in file.Columns)
        {
            sql.Append("    ").Append(column.Name).Append(' ').Append(TypeOf(column.Type));
            if (column.Required) sql.Append(" NOT NULL");
            sql.Append(",\n");
        }
        sql.Append("    PRIMARY KEY (").Append(SourceCatalog.PostgresQuarterColumn);
        foreach (var key in file.Key) sql.Append(", ").Append(key);
        sql.Append(")\n);\n");
        return sql.ToString();
    }

    /// <summary>The schema and every table, ready to run against a source database.</summary>
    public static string CreateAll() =>
        $"CREATE SCHEMA IF NOT EXISTS {SourceCatalog.PostgresSchema};\n" + string.Concat(SourceCatalog.AllFiles.Select(CreateTable));
}
