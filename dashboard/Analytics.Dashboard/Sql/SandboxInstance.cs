using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// A private in-memory DuckDB instance for one console query or export, prepared by trusted code before any user text
/// runs: no spilling to disk (a query lives within its memory limit), neutral extension and secret folders (DuckDB would
/// name the service user's home in messages), the snapshot attached read-only as <c>warehouse</c> and made current,
/// optionally one folder a Parquet export may write to, then external access off and the configuration locked.
/// </summary>
public static class SandboxInstance
{
    public const string DatabaseName = "warehouse";

    /// <summary>A folder name that exists nowhere, for the settings DuckDB would otherwise fill from the home folder.</summary>
    private const string Nowhere = "/nonexistent";

    public static DuckDBConnection Open(string snapshotPath, SqlConsoleOptions settings, string? writableFolder = null)
    {
        var connection = new DuckDBConnection(
            $"Data Source=:memory:;memory_limit={settings.MemoryLimit};threads={settings.Threads};" +
            "autoload_known_extensions=false;autoinstall_known_extensions=false;allow_community_extensions=false");
        try
        {
            connection.Open();
            var statements = new List<string>
            {
                "SET temp_directory = ''",
                $"SET extension_directory = '{Nowhere}'",
                $"SET secret_directory = '{Nowhere}'",
                // A PIVOT's own CREATE TYPE runs in the instance (ReadOnlyStatements); no CREATE may write a secret file.
                "SET allow_persistent_secrets = false",
                $"SET home_directory = '{Nowhere}'",
                $"ATTACH {WarehouseSql.Literal(snapshotPath)} AS {DatabaseName} (READ_ONLY)",
                $"USE {DatabaseName}",
            };
            if (writableFolder is not null)
            {
                statements.Add($"SET allowed_directories = [{WarehouseSql.Literal(writableFolder + Path.DirectorySeparatorChar)}]");
            }

            statements.Add("SET enable_external_access = false");
            statements.Add("SET lock_configuration = true");
            foreach (var statement in statements)
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }
}
