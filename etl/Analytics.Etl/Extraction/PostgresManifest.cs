using Analytics.Sources;
using Analytics.Sources.Catalog;
using Npgsql;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Etl.Extraction;

/// <summary>What the publisher states for one table·quarter: its rows and an order-free checksum of their values.</summary>
public sealed record PostgresManifestEntry(long Rows, string Checksum);

/// <summary>
/// The PostgreSQL transport's manifest, the table <c>extract.extract_manifest</c>: for every table·quarter the publisher
/// wrote, its rows and a checksum (MD5 over the sorted MD5s of the rows, each row as the text the loader reads). A source
/// database has no bytes to count; the checksum plays the part of the file manifest's size and SHA-256.
/// </summary>
internal static class PostgresManifest
{
    public const string Table = SourceCatalog.PostgresSchema + ".extract_manifest";

    public static readonly string CreateSql = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            table_name text NOT NULL,
            extract_quarter text NOT NULL,
            row_count bigint NOT NULL,
            checksum text NOT NULL,
            published_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (table_name, extract_quarter));
        """;

    /// <summary>The rows and checksum of the table's quarter as they stand; <paramref name="types"/> maps each column to its data type.</summary>
    public static PostgresManifestEntry Measure(NpgsqlConnection connection, FileSpec spec, Quarter quarter, IReadOnlyDictionary<string, string> types, PostgresConnector connector)
    {
        // Unit separator between fields and record separator for a NULL: no field of an extract holds either.
        var fields = string.Join(", ", spec.Columns.Select(c => $"coalesce({PostgresSource.AsText(c.Name, types[c.Name])}, chr(30))"));
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), ''))
            FROM (SELECT md5(concat_ws(chr(31), {fields})) AS h
                  FROM {PostgresSource.QualifiedName(spec)} WHERE {Ident(SourceCatalog.PostgresQuarterColumn)} = $1) AS r
            """;
        command.Parameters.Add(new NpgsqlParameter { Value = quarter.ToString() });
        return connector.Guard(() =>
        {
            using var reader = command.ExecuteReader();
            reader.Read();
            return new PostgresManifestEntry(reader.GetInt64(0), reader.GetString(1));
        }, spec.PostgresTable);
    }

    /// <summary>Records (or replaces) the publisher's entry for the table's quarter.</summary>
    public static void Record(NpgsqlConnection connection, FileSpec spec, Quarter quarter, PostgresManifestEntry entry, PostgresConnector connector)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO {Table} (table_name, extract_quarter, row_count, checksum) VALUES ($1, $2, $3, $4)
            ON CONFLICT (table_name, extract_quarter) DO UPDATE SET row_count = excluded.row_count, checksum = excluded.checksum, published_at = now()
            """;
        command.Parameters.Add(new NpgsqlParameter { Value = spec.PostgresTable });
        command.Parameters.Add(new NpgsqlParameter { Value = quarter.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Rows });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Checksum });
        connector.Guard(command.ExecuteNonQuery, Table);
    }

    /// <summary>The manifest's entries for the quarter keyed by table, or null when the source database has no manifest.</summary>
    public static Dictionary<string, PostgresManifestEntry>? Read(NpgsqlConnection connection, Quarter quarter, PostgresConnector connector)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = $"SELECT to_regclass('{Table}') IS NOT NULL";
        if (connector.Guard(() => exists.ExecuteScalar()) is not true)
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT table_name, row_count, checksum FROM {Table} WHERE extract_quarter = $1";
        command.Parameters.Add(new NpgsqlParameter { Value = quarter.ToString() });
        return connector.Guard(() =>
        {
            var entries = new Dictionary<string, PostgresManifestEntry>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries[reader.GetString(0)] = new PostgresManifestEntry(reader.GetInt64(1), reader.GetString(2));
            }

            return entries;
        }, Table);
    }

    /// <summary>
    /// The rows the manifest states for the table's quarter once its checksum matches; null without a manifest. Throws
    /// <see cref="EtlException"/> naming the table, quarter and both figures when they disagree.
    /// </summary>
    public static long? Verify(Dictionary<string, PostgresManifestEntry>? manifest, NpgsqlConnection connection, FileSpec spec, Quarter quarter,
        IReadOnlyDictionary<string, string> types, string displayName, PostgresConnector connector)
    {
        if (manifest is null)
        {
            return null;
        }

        var listed = manifest.GetValueOrDefault(spec.PostgresTable)
            ?? throw new EtlException($"{displayName}：清单 {Table} 中没有该 表·季度，已拒绝装载 (table quarter not in the manifest)。");
        var actual = Measure(connection, spec, quarter, types, connector);
        if (actual.Rows != listed.Rows)
        {
            throw new EtlException(
                $"{displayName}：源数据库中有 {actual.Rows:N0} 行，清单 {Table} 记载 {listed.Rows:N0} 行，数据可能缺失或被改动，已拒绝装载 (row count differs from the manifest)。");
        }

        if (!string.Equals(actual.Checksum, listed.Checksum, StringComparison.Ordinal))
        {
            throw new EtlException(
                $"{displayName}：校验和为 {actual.Checksum}，清单 {Table} 记载 {listed.Checksum}，数据在发布后已被改动，已拒绝装载 (checksum differs from the manifest)。");
        }

        return listed.Rows;
    }
}
