using Analytics.DemoData;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.TestSupport;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.Etl.Postgres.Tests.Support;

/// <summary>
/// Shared by every test: one PostgreSQL server, one small generated demo drop (2024Q2–2024Q3) and one
/// database holding that drop as published by <see cref="PostgresExtractWriter"/>. Tests that change
/// tables make their own database with <see cref="PublishToNewDatabase"/>.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    public static readonly Quarter From = new(2024, 2);
    public static readonly Quarter To = new(2024, 3);

    private readonly GeneratedDemoDrop _drop;

    public PostgresFixture()
    {
        Scratch = TempFolder.NewPath("analytics-pg-tests");
        Directory.CreateDirectory(Scratch);
        _drop = new GeneratedDemoDrop("analytics-pg-tests-drop", From, To);
        Server = new PostgresServer();
        try
        {
            (Published, PublishResult) = PublishToNewDatabase("published");
        }
        catch
        {
            Server.Dispose();
            _drop.Dispose();
            throw;
        }
    }

    public PostgresServer Server { get; }

    /// <summary>Temporary folder for the warehouses; removed on dispose.</summary>
    public string Scratch { get; }

    public string Drop => _drop.Root;

    public GenerationResult Generated => _drop.Result;

    /// <summary>Connection string of the database holding the published demo drop (do not modify its tables).</summary>
    public string Published { get; }

    public PostgresPublishResult PublishResult { get; }

    /// <summary>Name of the database behind <see cref="Published"/>.</summary>
    public string PublishedDatabase => new Npgsql.NpgsqlConnectionStringBuilder(Published).Database!;

    /// <summary>The same key for every warehouse, so pseudonyms compare across warehouses.</summary>
    public static PseudonymKey Key { get; } = PseudonymKey.FromText(DemoWarehouse.TestKeyHex, "tests");

    public (string ConnectionString, PostgresPublishResult Result) PublishToNewDatabase(string prefix)
    {
        var connectionString = Server.CreateDatabase(prefix);
        return (connectionString, new PostgresExtractWriter(connectionString).Publish(Drop));
    }

    /// <summary>A new, empty warehouse file in the scratch folder.</summary>
    public WarehouseDatabase NewWarehouse(string name) =>
        WarehouseDatabase.Open(Path.Combine(Scratch, $"{name}-{Guid.NewGuid():N}.duckdb"));

    /// <summary>Loads every feed and quarter of the source, as the command line does.</summary>
    public static IReadOnlyList<LoadResult> LoadAll(WarehouseDatabase warehouse, IExtractSource source)
    {
        var loader = new SourceQuarterLoader(warehouse, Key);
        return SourceCatalog.Feeds
            .SelectMany(feed => source.QuartersOf(feed).Select(quarter => loader.Load(source, feed, quarter, "test")))
            .ToList();
    }

    public void Dispose()
    {
        try
        {
            Server.Dispose();
        }
        finally
        {
            _drop.Dispose();
            TempFolder.Delete(Scratch);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
