using Analytics.DuckDb;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Data;

/// <summary>
/// The host's own tables (users, audit log) in the warehouse file, in the separate schema <c>app</c>,
/// so that warehouse exports and the analysts' views never include them.
/// </summary>
public sealed class AppDatabase(WarehouseDatabase warehouse)
{
    private static readonly string[] Schema =
    [
        "CREATE SCHEMA IF NOT EXISTS app",
        """
        CREATE TABLE IF NOT EXISTS app.users (
            username        VARCHAR PRIMARY KEY,
            password_hash   VARCHAR NOT NULL,
            salt            VARCHAR NOT NULL,
            roles           VARCHAR NOT NULL,     -- comma-separated: leader,analyst,evaluator,admin
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until    TIMESTAMP,
            created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
        )
        """,
        // A new value ends every session of the user (Security/SessionValidation.cs); older files get the column here.
        "ALTER TABLE app.users ADD COLUMN IF NOT EXISTS security_stamp VARCHAR",
        """
        CREATE TABLE IF NOT EXISTS app.audit_log (
            "at"    TIMESTAMP NOT NULL,
            "user"  VARCHAR,
            action  VARCHAR NOT NULL,
            detail  VARCHAR
        )
        """,
    ];

    /// <summary>Creates the schema and tables when missing; called once at start.</summary>
    public void EnsureCreated()
    {
        using var connection = Connect();
        foreach (var statement in Schema)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    public DuckDbConnection Connect() => warehouse.Connect();
}
