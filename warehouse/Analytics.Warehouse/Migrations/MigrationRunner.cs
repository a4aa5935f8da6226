using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Warehouse.Migrations;

/// <summary>Brings a warehouse file up to the newest schema version; each migration commits or rolls back whole.</summary>
public static class MigrationRunner
{
    /// <summary>Every migration of the product, oldest first. Add new ones at the end; never edit an applied one.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new M001Dimensions(),
        new M002LoadBookkeeping(),
        new M003Facts(),
        new M004Metrics(),
        new M005Briefings(),
        new M006QuantityWorkTable(),
        new M007Findings(),
        new M008ScoreAssessmentState(),
        new M009ScoreleftFlagWorkflow(),
        new M010BriefingFreshness(),
        new M011PublicRetirePutuoTownScorecards(),
        new M012MlProjections(),
        new M013CatalogMetricTableStorage(),
    ];

    public static int LatestVersion => All[^1].Version;

    /// <summary>Applies the pending migrations and returns how many ran.</summary>
    public static int Migrate(DuckDBConnection connection)
    {
        WarehouseSql.Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                description VARCHAR NOT NULL,
                applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)
            """);
        var applied = CurrentVersion(connection);
        if (applied > LatestVersion)
        {
            throw new WarehouseConfigurationException(
                $"数据库架构版本 {applied} 高于本程序支持的 {LatestVersion}，请升级程序 (the warehouse was written by a newer version).");
        }

        var count = 0;
        foreach (var migration in All.Where(m => m.Version > applied))
        {
            using var transaction = connection.BeginTransaction();
            migration.Apply(connection);
            using (var record = connection.CreateCommand())
            {
                record.CommandText = "INSERT INTO schema_migrations (version, description) VALUES ($1, $2)";
                record.Parameters.AddValue(migration.Version);
                record.Parameters.AddValue(migration.Description);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            count++;
        }

        return count;
    }

    public static int CurrentVersion(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
