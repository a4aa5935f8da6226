using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Dashboard.Data;

/// <summary>
/// The host's own state — accounts with password hashes and security stamps, their districts, the audit log and the
/// analysts' saved queries — in a DuckDB file of its own beside the warehouse (<c>&lt;warehouse&gt;.app.duckdb</c>
/// unless configured), in schema <c>app</c>. The warehouse file then holds only analysis data (facts, dimensions, judgements, findings) and can be
/// handed to an analyst without the host's secrets.
/// </summary>
public sealed class AppDatabase : IDisposable
{
    /// <summary>Appended to the warehouse path when no path of its own is configured.</summary>
    public const string Suffix = ".app.duckdb";

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
        // A new value ends every session of the user (Security/SessionValidation.cs).
        "ALTER TABLE app.users ADD COLUMN IF NOT EXISTS security_stamp VARCHAR",
        // The districts a staff account may see (Security/DistrictScope.cs); NULL for accounts from before scoping.
        "ALTER TABLE app.users ADD COLUMN IF NOT EXISTS districts VARCHAR",
        """
        CREATE TABLE IF NOT EXISTS app.audit_log (
            "at"    TIMESTAMP NOT NULL,
            "user"  VARCHAR,
            action  VARCHAR NOT NULL,
            detail  VARCHAR
        )
        """,
        // Analysts' saved console queries; SavedQueries/SavedQueryStore.cs keeps titles unique per author.
        "CREATE SEQUENCE IF NOT EXISTS app.saved_query_id",
        """
        CREATE TABLE IF NOT EXISTS app.saved_query (
            id          BIGINT PRIMARY KEY DEFAULT nextval('app.saved_query_id'),
            author      VARCHAR NOT NULL,
            title       VARCHAR NOT NULL,
            description VARCHAR,
            sql         VARCHAR NOT NULL,
            shared      BOOLEAN NOT NULL,
            chart       VARCHAR,              -- JSON of SavedQueries/ChartSettings, NULL when no chart
            created_at  TIMESTAMP NOT NULL,
            updated_at  TIMESTAMP NOT NULL
        )
        """,
    ];

    private readonly object _gate = new();
    private DuckDBConnection? _holder;

    public AppDatabase(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>
    /// The configured path, or the warehouse's path with <see cref="Suffix"/>; an in-memory warehouse gets an in-memory
    /// state database of its own name (a plain <c>:memory:</c> would be a new empty database on every connection).
    /// </summary>
    public static string PathFor(string warehousePath, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return warehousePath.StartsWith(":memory:", StringComparison.OrdinalIgnoreCase)
            ? $":memory:app-{Guid.NewGuid():N}"
            : warehousePath + Suffix;
    }

    /// <summary>Creates the file, schema and tables when missing, and keeps the file open until disposed.</summary>
    public void EnsureCreated()
    {
        if (!Path.StartsWith(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        lock (_gate)
        {
            // DuckDB closes a file with its last connection: without a holder every request would reopen it.
            _holder ??= Open();
        }

        using var connection = Connect();
        foreach (var statement in Schema)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        // DuckDB 1.5 cannot replay an ALTER of app.users from the WAL (binding its current_timestamp default needs a
        // default database that replay has not set yet), so a host killed after start-up could never open the file
        // again: the schema goes into the file at once.
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "CHECKPOINT";
        checkpoint.ExecuteNonQuery();
    }

    public DuckDBConnection Connect() => Open();

    public void Dispose()
    {
        lock (_gate)
        {
            _holder?.Dispose();
            _holder = null;
        }
    }

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = Path }.ConnectionString);
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
}
