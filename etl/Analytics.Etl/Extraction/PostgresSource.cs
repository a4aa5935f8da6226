using Analytics.Sources;
using Analytics.Sources.Catalog;
using Npgsql;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Etl.Extraction;

/// <summary>
/// The PostgreSQL transport: the same extracts as tables <c>extract.&lt;feed&gt;_&lt;file&gt;</c>, with a first
/// column <c>extract_quarter</c> (docs/sources.md). Every value is handed to the loader as text in the
/// form the CSV files use, so the loader validates and quarantines exactly as it does for files.
/// </summary>
public sealed class PostgresSource : IExtractSource
{
    private const string QuarterColumn = SourceCatalog.PostgresQuarterColumn;
    private readonly PostgresConnector _connector;

    /// <summary>Takes an Npgsql connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>); connects lazily.</summary>
    public PostgresSource(string connectionString)
    {
        _connector = new PostgresConnector(connectionString);
    }

    public string Transport => "postgres";

    /// <summary><c>host:port/database</c>, never with the password.</summary>
    public string Origin => _connector.Origin;

    /// <summary>The distinct <c>extract_quarter</c> values of the feed's tables (tables that do not exist are ignored here; <see cref="Open"/> reports them).</summary>
    public IReadOnlyList<Quarter> QuartersOf(FeedSpec feed)
    {
        using var connection = _connector.Open();
        var columns = ColumnsOf(connection, feed);
        var tables = feed.Files.Where(f => columns.TryGetValue(f.PostgresTable, out var c) && c.Any(x => x.Name == QuarterColumn)).ToList();
        if (tables.Count == 0)
        {
            return [];
        }

        using var command = connection.CreateCommand();
        command.CommandText = string.Join("\nUNION\n", tables.Select(t => $"SELECT DISTINCT {Ident(QuarterColumn)}::text FROM {QualifiedName(t)}"));
        return _connector.Guard(() =>
        {
            var quarters = new List<Quarter>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0) && Quarter.TryParse(reader.GetString(0), null, out var quarter))
                {
                    quarters.Add(quarter);
                }
            }

            return (IReadOnlyList<Quarter>)quarters.Distinct().Order().ToList();
        });
    }

    /// <summary>One <see cref="RowSetExtractFile"/> per file of the feed; rows are streamed in key order when the loader reads them.</summary>
    public IReadOnlyList<ExtractFile> Open(FeedSpec feed, Quarter quarter)
    {
        using var connection = _connector.Open();
        var columns = ColumnsOf(connection, feed);
        var manifest = PostgresManifest.Read(connection, quarter, _connector);
        var files = new List<ExtractFile>();
        var checks = new List<Func<long?>>();
        foreach (var spec in feed.Files)
        {
            var displayName = DisplayName(spec, quarter);
            if (!columns.TryGetValue(spec.PostgresTable, out var tableColumns))
            {
                throw new EtlException($"源数据库缺少表 {spec.PostgresTable} ({displayName}: missing table in {Origin})。");
            }

            if (tableColumns.All(c => c.Name != QuarterColumn))
            {
                throw new EtlException($"{displayName}：表 {spec.PostgresTable} 缺少列 {QuarterColumn} (missing quarter column)。");
            }

            var header = tableColumns.Where(c => c.Name != QuarterColumn).Select(c => c.Name).ToList();
            HeaderCheck.Require(spec, header, displayName);
            var types = tableColumns.ToDictionary(c => c.Name, c => c.DataType);
            var select = $"SELECT {string.Join(", ", spec.Columns.Select(c => AsText(c.Name, types[c.Name])))} " +
                         $"FROM {QualifiedName(spec)} WHERE {Ident(QuarterColumn)} = $1 ORDER BY {string.Join(", ", spec.Key.Select(Ident))}";
            checks.Add(() => PostgresManifest.Verify(manifest, connection, spec, quarter, types, displayName, _connector));
            files.Add(new RowSetExtractFile(spec, displayName, spec.ColumnNames, StreamRows(spec, displayName, select, quarter)));
        }

        if (!AnyRows(connection, feed, quarter))
        {
            throw new EtlException($"源数据库没有 {feed.Id} 的 {quarter} 数据 (no rows for this quarter in {Origin})。");
        }

        // Against the publisher's manifest once the tables are known to be there and to hold the quarter.
        return files.Select((file, i) => file with { ManifestRows = checks[i]() }).ToList();
    }

    /// <summary><c>postgres:extract.assistance_payments@2024Q3</c>: names the table and quarter in quarantine rows and messages.</summary>
    public static string DisplayName(FileSpec spec, Quarter quarter) => $"postgres:{spec.PostgresTable}@{quarter}";

    private bool AnyRows(NpgsqlConnection connection, FeedSpec feed, Quarter quarter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(" OR ", feed.Files.Select(f =>
            $"EXISTS (SELECT 1 FROM {QualifiedName(f)} WHERE {Ident(QuarterColumn)} = $1)"));
        command.Parameters.Add(new NpgsqlParameter { Value = quarter.ToString() });
        return _connector.Guard(() => command.ExecuteScalar() is true);
    }

    private IEnumerable<SourceRow> StreamRows(FileSpec spec, string displayName, string select, Quarter quarter)
    {
        using var connection = _connector.Open();
        using var command = connection.CreateCommand();
        command.CommandText = select;
        command.Parameters.Add(new NpgsqlParameter { Value = quarter.ToString() });
        using var reader = _connector.Guard(() => command.ExecuteReader(), spec.PostgresTable);
        var count = spec.Columns.Count;
        long rowNumber = 0;
        while (_connector.Guard(() => reader.Read(), spec.PostgresTable))
        {
            var fields = new string?[count];
            for (var i = 0; i < count; i++)
            {
                fields[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }

            yield return new SourceRow(displayName, ++rowNumber, fields);
        }
    }

    /// <summary>Columns (in table order, with their data types) of the feed's tables that exist, keyed by <c>extract.table</c>.</summary>
    private Dictionary<string, List<(string Name, string DataType)>> ColumnsOf(NpgsqlConnection connection, FeedSpec feed)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            WHERE c.table_schema = $1 AND c.table_name = ANY($2)
            ORDER BY c.table_name, c.ordinal_position
            """;
        command.Parameters.Add(new NpgsqlParameter { Value = SourceCatalog.PostgresSchema });
        command.Parameters.Add(new NpgsqlParameter { Value = feed.Files.Select(TableName).ToArray() });
        return _connector.Guard(() =>
        {
            var tables = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var table = $"{SourceCatalog.PostgresSchema}.{reader.GetString(0)}";
                if (!tables.TryGetValue(table, out var list))
                {
                    tables[table] = list = [];
                }

                list.Add((reader.GetString(1), reader.GetString(2)));
            }

            return tables;
        });
    }

    /// <summary>
    /// The column as the text a CSV file would carry: dates as yyyy-MM-dd whatever the server's DateStyle,
    /// booleans true/false, numbers in PostgreSQL's invariant output, text columns verbatim.
    /// </summary>
    internal static string AsText(string column, string dataType) => dataType switch
    {
        "date" => $"to_char({Ident(column)}, 'YYYY-MM-DD')",
        "timestamp without time zone" or "timestamp with time zone" =>
            $"CASE WHEN {Ident(column)}::time = time '00:00' THEN to_char({Ident(column)}, 'YYYY-MM-DD') ELSE to_char({Ident(column)}, 'YYYY-MM-DD HH24:MI:SS') END",
        "boolean" => $"CASE WHEN {Ident(column)} THEN 'true' WHEN NOT {Ident(column)} THEN 'false' END",
        _ => $"{Ident(column)}::text",
    };

    private static string TableName(FileSpec spec) => spec.PostgresTable[(SourceCatalog.PostgresSchema.Length + 1)..];

    internal static string QualifiedName(FileSpec spec) => $"{Ident(SourceCatalog.PostgresSchema)}.{Ident(TableName(spec))}";
}
