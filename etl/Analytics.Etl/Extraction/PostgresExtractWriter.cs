using System.Diagnostics;
using System.Globalization;
using System.Text;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Npgsql;
using NpgsqlTypes;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Etl.Extraction;

/// <summary>One table·quarter written by <see cref="PostgresExtractWriter"/>, with the checksum its manifest entry states.</summary>
public sealed record PublishedTable(string Table, Quarter Quarter, long Rows, string Checksum);

/// <summary>What <see cref="PostgresExtractWriter.Publish"/> wrote.</summary>
public sealed record PostgresPublishResult(string Origin, IReadOnlyList<PublishedTable> Tables, TimeSpan Duration)
{
    public long Rows => Tables.Sum(t => t.Rows);
}

/// <summary>
/// Fills a PostgreSQL source database from a file drop (for tests and demos): creates the <c>extract</c>
/// schema (<see cref="PostgresSchema.CreateAll"/>) and copies every feed file and ledger into its table with
/// binary COPY, replacing the quarters it copies, and states each table·quarter's rows and checksum in the manifest
/// (<see cref="PostgresManifest"/>) that the loader checks. All of it runs in one transaction.
/// </summary>
public sealed class PostgresExtractWriter
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy年M月d日", "yyyy.M.d", "yyyyMMdd"];
    private const string FullWidth = "０１２３４５６７８９，．％－＋　";
    private const string HalfWidth = "0123456789,.%-+ ";

    private readonly PostgresConnector _connector;

    public PostgresExtractWriter(string connectionString)
    {
        _connector = new PostgresConnector(connectionString);
    }

    /// <summary><c>host:port/database</c>, never with the password.</summary>
    public string Origin => _connector.Origin;

    /// <summary>Creates the schema and tables if needed (no data).</summary>
    public void CreateSchema()
    {
        using var connection = _connector.Open();
        Execute(connection, PostgresSchema.CreateAll(), null);
    }

    /// <summary>
    /// Copies the drop folder into the source database. Throws <see cref="EtlException"/> when a value cannot be
    /// stored in its typed column (e.g. an empty required field or text in a number column): a source
    /// database holds typed values, so such a drop cannot be published as it is.
    /// </summary>
    public PostgresPublishResult Publish(string dropFolder, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var drop = new FileDropSource(dropFolder);
        using var connection = _connector.Open(cancellationToken);
        Execute(connection, PostgresSchema.CreateAll() + PostgresManifest.CreateSql, null);
        using var transaction = connection.BeginTransaction();
        var written = new List<PublishedTable>();
        foreach (var feed in SourceCatalog.Feeds)
        {
            foreach (var quarter in drop.QuartersOf(feed))
            {
                foreach (var file in drop.Open(feed, quarter))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report($"{file.DisplayName} → {file.Spec.PostgresTable}");
                    var table = PostgresSource.QualifiedName(file.Spec);
                    using (var delete = connection.CreateCommand())
                    {
                        delete.CommandText = $"DELETE FROM {table} WHERE {Ident(SourceCatalog.PostgresQuarterColumn)} = $1";
                        delete.Parameters.Add(new NpgsqlParameter { Value = quarter.ToString() });
                        _connector.Guard(delete.ExecuteNonQuery, file.Spec.PostgresTable);
                    }

                    var rows = Copy(connection, file, quarter, cancellationToken);
                    var entry = PostgresManifest.Measure(connection, file.Spec, quarter, file.Spec.Columns.ToDictionary(c => c.Name, c => PostgresSchema.TypeOf(c.Type)), _connector);
                    PostgresManifest.Record(connection, file.Spec, quarter, entry, _connector);
                    written.Add(new PublishedTable(file.Spec.PostgresTable, quarter, rows, entry.Checksum));
                }
            }
        }

        _connector.Guard(() =>
        {
            transaction.Commit();
            return 0;
        });
        return new PostgresPublishResult(Origin, written, clock.Elapsed);
    }

    private long Copy(NpgsqlConnection connection, ExtractFile file, Quarter quarter, CancellationToken cancellationToken)
    {
        var spec = file.Spec;
        var columns = string.Join(", ", spec.Columns.Select(c => Ident(c.Name)).Prepend(Ident(SourceCatalog.PostgresQuarterColumn)));
        var (header, rows) = file switch
        {
            CsvExtractFile csv => (csv.Header, CsvRows(csv)),
            RowSetExtractFile set => (set.Header, set.Rows),
            _ => throw new InvalidOperationException($"未知的抽取文件类型 {file.GetType().Name}"),
        };
        var positions = spec.Columns.Select(c => IndexOf(header, c.Name)).ToArray();
        var types = spec.Columns.Select(c => DbTypeOf(c.Type)).ToArray();
        return _connector.Guard(() =>
        {
            using var importer = connection.BeginBinaryImport($"COPY {PostgresSource.QualifiedName(spec)} ({columns}) FROM STDIN (FORMAT BINARY)");
            long count = 0;
            foreach (var row in rows)
            {
                if (++count % 10_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (row.Problem is not null)
                {
                    throw new EtlException($"{row.File} 第 {row.RowNumber} 行：{row.Problem}，无法写入 PostgreSQL 源数据库 (row cannot be published)。");
                }

                importer.StartRow();
                importer.Write(quarter.ToString(), NpgsqlDbType.Text);
                for (var i = 0; i < spec.Columns.Count; i++)
                {
                    var column = spec.Columns[i];
                    var raw = positions[i] >= 0 && positions[i] < row.Fields.Length ? row.Fields[positions[i]] : null;
                    var value = Convert(column, raw, row, spec);
                    if (value is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(value, types[i]);
                    }
                }
            }

            importer.Complete();
            return count;
        }, spec.PostgresTable);
    }

    private static IEnumerable<SourceRow> CsvRows(CsvExtractFile csv)
    {
        foreach (var (line, fields) in DelimitedText.Read(csv.Path, new UTF8Encoding(false)).Skip(1))
        {
            yield return new SourceRow(csv.DisplayName, line - 1, fields);
        }
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The typed value of a raw text field, read as leniently as the loader reads it; null for an empty field.</summary>
    private static object? Convert(ColumnSpec column, string? raw, SourceRow row, FileSpec spec)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            if (column.Required)
            {
                throw Unstorable(row, column, spec, "必填字段为空");
            }

            return null;
        }

        if (column.Type is ColumnType.String or ColumnType.CitizenId or ColumnType.Quarter)
        {
            return raw;
        }

        var text = Fold(raw.Trim());
        object? value = column.Type switch
        {
            ColumnType.Int => long.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null,
            ColumnType.Decimal => decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var d) ? d : null,
            ColumnType.Date => DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            ColumnType.Bool => text.ToLowerInvariant() switch
            {
                "true" or "t" or "1" or "y" or "yes" or "是" => true,
                "false" or "f" or "0" or "n" or "no" or "否" => false,
                _ => null,
            },
            _ => raw,
        };
        return value ?? throw Unstorable(row, column, spec, $"「{(column.Type == ColumnType.CitizenId ? "" : raw)}」不能存为 {PostgresSchema.TypeOf(column.Type)}");
    }

    private static string Fold(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var at = FullWidth.IndexOf(c, StringComparison.Ordinal);
            builder.Append(at >= 0 ? HalfWidth[at] : c);
        }

        return builder.ToString().Trim();
    }

    private static EtlException Unstorable(SourceRow row, ColumnSpec column, FileSpec spec, string problem) =>
        new($"{row.File} 第 {row.RowNumber} 行 {column.Label}({column.Name})：{problem}，无法写入 PostgreSQL 表 {spec.PostgresTable} (value cannot be stored)。");

    private static NpgsqlDbType DbTypeOf(ColumnType type) => type switch
    {
        ColumnType.Int => NpgsqlDbType.Bigint,
        ColumnType.Decimal => NpgsqlDbType.Numeric,
        ColumnType.Date => NpgsqlDbType.Date,
        ColumnType.Bool => NpgsqlDbType.Boolean,
        _ => NpgsqlDbType.Text,
    };

    private void Execute(NpgsqlConnection connection, string sql, string? table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        _connector.Guard(command.ExecuteNonQuery, table);
    }
}
