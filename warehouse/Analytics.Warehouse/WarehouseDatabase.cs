using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Sources.Regions;
using Analytics.Warehouse.Migrations;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;

namespace Analytics.Warehouse;

/// <summary>
/// The warehouse file: opening it migrates the schema to the newest version and seeds the static
/// dimensions, so every entry point (host, command line, tests) sees the same schema.
/// </summary>
public sealed class WarehouseDatabase
{
    private long _dataVersion;

    private WarehouseDatabase(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>
    /// Changes whenever a load through this instance commits. Caches of figures derived from the facts (the host's
    /// public statistics) compare it instead of asking the database on every request; a host holds the file open for
    /// its whole life, so no other process can change the facts behind its back.
    /// </summary>
    public long DataVersion => Interlocked.Read(ref _dataVersion);

    /// <summary>Called by writers after they commit new facts or dimensions.</summary>
    public void MarkDataChanged() => Interlocked.Increment(ref _dataVersion);

    // The threshold is a setting of the native instance: given at its creation, it costs no statement per connection.
    public string ConnectionString => new DuckDBConnectionStringBuilder { DataSource = Path, ["checkpoint_threshold"] = CheckpointThreshold }.ConnectionString;

    /// <summary>Creates or upgrades the warehouse at <paramref name="path"/>.</summary>
    public static WarehouseDatabase Open(string path, RegionReference? regions = null)
    {
        if (path != ":memory:")
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var database = new WarehouseDatabase(path);
        using var connection = database.Connect();
        MigrationRunner.Migrate(connection);
        DimensionSeeder.Seed(connection, regions ?? RegionReference.Default);
        return database;
    }

    /// <summary>
    /// How large the write-ahead log may grow before a commit checkpoints. DuckDB's 16 MB made the commit of one indicator
    /// refresh pay for rewriting the whole file (docs/performance.md); the warehouse checkpoints
    /// explicitly instead (<see cref="Checkpoint"/>) after each load and when the host stops, off the path a reader waits on.
    /// </summary>
    public const string CheckpointThreshold = "256MiB";

    public DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection(ConnectionString);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Keeps the database open until disposed. DuckDB closes a file when its last connection closes, and closing
    /// checkpoints it: a batch of loads, each on its own connection, would close and reopen the file between loads
    /// (docs/performance.md). A host keeps it open the same way.
    /// </summary>
    public IDisposable HoldOpen() => Connect();

    /// <summary>Writes the write-ahead log into the database file (what DuckDB otherwise does when the log passes the threshold).</summary>
    public void Checkpoint()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "CHECKPOINT";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the pseudonym key's fingerprint on first use and refuses a different key later:
    /// pseudonyms made with two keys would no longer join.
    /// </summary>
    public static void CheckPseudonymKey(DuckDBConnection connection, PseudonymKey key)
    {
        var stored = WarehouseSql.Meta(connection, "pseudonym_key_fingerprint");
        if (stored is null)
        {
            WarehouseSql.SetMeta(connection, "pseudonym_key_fingerprint", key.Fingerprint);
        }
        else if (stored != key.Fingerprint)
        {
            throw new WarehouseConfigurationException(
                $"假名化密钥与仓库中已有数据使用的密钥不同 (the pseudonym key from {key.Origin} differs from the one this warehouse was loaded with); 已拒绝装载。");
        }
    }
}
