using System.Globalization;
using System.Text;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Export;

/// <summary>
/// Writes the warehouse as Hive-partitioned Parquet, the layout Spark, Trino, ClickHouse and DuckDB read as
/// they are: <c>dim/&lt;table&gt;.parquet</c> for every dimension, <c>fact/&lt;table&gt;/year=YYYY/quarter=Q/district=CODE/*.parquet</c>
/// for every fact table, <c>etl/etl_run.parquet</c> for the load log, and a README in the export root.
/// Fact files keep every warehouse column (quarter_key and district_code included); the partition columns
/// year, quarter and district live in the directory names.
/// </summary>
public static class ParquetExporter
{
    public const string DimensionFolder = "dim";
    public const string FactFolder = "fact";
    public const string LoadLogFolder = "etl";

    /// <summary>Exports the warehouse file, opened read-only (another process may not hold it read-write at the time).</summary>
    public static ParquetExportSummary Export(string databasePath, string outDir, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"仓库文件不存在：{databasePath} (warehouse file not found)。", databasePath);
        }

        var builder = new DuckDBConnectionStringBuilder { DataSource = Path.GetFullPath(databasePath), AccessMode = DuckDBAccessMode.ReadOnly };
        using var connection = new DuckDBConnection(builder.ConnectionString);
        connection.Open();
        return Export(connection, outDir, cancellationToken);
    }

    /// <summary>Exports through an open connection (for a host that already holds the warehouse open).</summary>
    public static ParquetExportSummary Export(DuckDBConnection connection, string outDir, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(outDir);
        Directory.CreateDirectory(root);
        var tables = new List<ExportedTable>();
        foreach (var (table, columns) in Tables(connection))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (table.StartsWith("dim_", StringComparison.Ordinal))
            {
                tables.Add(ExportSingle(connection, root, table, DimensionFolder, ExportedTableKind.Dimension, cancellationToken));
            }
            else if (table.StartsWith("fact_", StringComparison.Ordinal))
            {
                tables.Add(ExportPartitioned(connection, root, table, columns, cancellationToken));
            }
            else if (table == "etl_run")
            {
                tables.Add(ExportSingle(connection, root, table, LoadLogFolder, ExportedTableKind.LoadLog, cancellationToken));
            }
        }

        var summary = new ParquetExportSummary(root, tables);
        File.WriteAllText(Path.Combine(root, "README.md"), ExportReadme.Write(summary), new UTF8Encoding(false));
        return summary;
    }

    private static ExportedTable ExportSingle(DuckDBConnection connection, string root, string table, string folder, ExportedTableKind kind, CancellationToken cancellationToken)
    {
        var relative = $"{folder}/{table}.parquet";
        var path = Path.Combine(root, folder, table + ".parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rows = Count(connection, table, cancellationToken);
        Execute(connection, $"COPY (SELECT * FROM {WarehouseSql.Ident(table)}) TO {WarehouseSql.Literal(path)} (FORMAT parquet, COMPRESSION zstd)", cancellationToken);
        return new ExportedTable(table, kind, relative, rows, 1, []);
    }

    private static ExportedTable ExportPartitioned(DuckDBConnection connection, string root, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var relative = $"{FactFolder}/{table}";
        var directory = Path.Combine(root, FactFolder, table);

        // Our own output folder: cleared so that partitions that no longer exist in the warehouse do not linger.
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var partitions = new List<(string Name, string Expression)>();
        if (columns.Contains("quarter_key"))
        {
            partitions.Add(("year", "quarter_key // 10"));
            partitions.Add(("quarter", "quarter_key % 10"));
        }

        if (columns.Contains("district_code"))
        {
            partitions.Add(("district", "district_code"));
        }

        var rows = Count(connection, table, cancellationToken);
        if (rows > 0)
        {
            var select = string.Join("", partitions.Select(p => $", {p.Expression} AS {p.Name}"));
            var partitionBy = partitions.Count > 0 ? $", PARTITION_BY ({string.Join(", ", partitions.Select(p => p.Name))}), OVERWRITE_OR_IGNORE" : "";
            var target = partitions.Count > 0 ? directory : Path.Combine(directory, "data_0.parquet");
            Execute(connection, $"COPY (SELECT *{select} FROM {WarehouseSql.Ident(table)}) TO {WarehouseSql.Literal(target)} (FORMAT parquet, COMPRESSION zstd{partitionBy})", cancellationToken);
        }

        var files = Directory.GetFiles(directory, "*.parquet", SearchOption.AllDirectories).Length;
        return new ExportedTable(table, ExportedTableKind.Fact, relative, rows, files, partitions.Select(p => p.Name).ToList());
    }

    private static List<(string Table, IReadOnlyList<string> Columns)> Tables(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.table_name, list(c.column_name ORDER BY c.ordinal_position)
            FROM information_schema.tables t
            JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
            WHERE t.table_schema = 'main' AND t.table_type = 'BASE TABLE'
              AND (t.table_name LIKE 'dim\_%' ESCAPE '\' OR t.table_name LIKE 'fact\_%' ESCAPE '\' OR t.table_name = 'etl_run')
            GROUP BY t.table_name
            ORDER BY CASE WHEN t.table_name LIKE 'dim%' THEN 0 WHEN t.table_name LIKE 'fact%' THEN 1 ELSE 2 END, t.table_name
            """;
        using var reader = command.ExecuteReader();
        var tables = new List<(string, IReadOnlyList<string>)>();
        while (reader.Read())
        {
            var columns = reader.GetFieldValue<List<string>>(1);
            tables.Add((reader.GetString(0), columns));
        }

        return tables;
    }

    private static long Count(DuckDBConnection connection, string table, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {WarehouseSql.Ident(table)}";
        return Convert.ToInt64(command.ExecuteScalarAsync(cancellationToken).GetAwaiter().GetResult(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQueryAsync(cancellationToken).GetAwaiter().GetResult();
    }
}

public enum ExportedTableKind
{
    Dimension,
    Fact,
    LoadLog,
}

/// <summary>One exported table: where it went (relative to the export root), how many rows and files.</summary>
public sealed record ExportedTable(string Name, ExportedTableKind Kind, string RelativePath, long Rows, int Files, IReadOnlyList<string> PartitionColumns);

/// <summary>What an export wrote.</summary>
public sealed record ParquetExportSummary(string OutputDirectory, IReadOnlyList<ExportedTable> Tables)
{
    public long Rows => Tables.Sum(t => t.Rows);

    public int Files => Tables.Sum(t => t.Files);
}
