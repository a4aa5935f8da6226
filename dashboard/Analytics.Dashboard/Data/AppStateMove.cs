using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Data;

/// <summary>How many accounts and audit rows a start moved out of an older warehouse file.</summary>
public sealed record AppStateMoved(int Users, int AuditRows);

/// <summary>
/// The migration of warehouses from before <see cref="AppDatabase"/> had a file of its own: their schema <c>app</c>
/// (accounts and audit log) is copied into the state file, dropped from the warehouse, and the warehouse is rewritten
/// (<c>COPY FROM DATABASE</c> into a fresh file that replaces it), because a dropped table's blocks stay in the file,
/// readable byte for byte, until DuckDB happens to reuse them. Runs before the host opens the warehouse. An account
/// already in the state file wins; audit rows already there are not copied twice; a rewrite interrupted by a crash is
/// done again at the next start (its unfinished file is still beside the warehouse).
/// </summary>
public static class AppStateMove
{
    /// <summary>Suffix of the fresh file during the rewrite.</summary>
    public const string RewriteSuffix = ".rewrite";

    public static AppStateMoved? Run(string warehousePath, AppDatabase app)
    {
        if (warehousePath.StartsWith(":memory:", StringComparison.OrdinalIgnoreCase) || !File.Exists(warehousePath))
        {
            return null;
        }

        var rewrite = warehousePath + RewriteSuffix;
        var interrupted = File.Exists(rewrite);
        AppStateMoved? moved = null;
        using (var source = Open(warehousePath))
        {
            if (WarehouseSql.Scalar<long>(source, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'app' AND database_name = current_database()") > 0)
            {
                moved = Copy(source, app);
                WarehouseSql.Execute(source, "DROP SCHEMA app CASCADE");
            }
            else if (!interrupted)
            {
                return null;
            }

            File.Delete(rewrite);
            var name = WarehouseSql.Scalar<string>(source, "SELECT current_database()")!;
            WarehouseSql.Execute(source, $"ATTACH {WarehouseSql.Literal(rewrite)} AS app_state_rewrite");
            WarehouseSql.Execute(source, $"COPY FROM DATABASE {WarehouseSql.Ident(name)} TO app_state_rewrite");
            WarehouseSql.Execute(source, "DETACH app_state_rewrite");
        }

        // The last connection is closed: the instance is shut and the file may be replaced.
        File.Move(rewrite, warehousePath, overwrite: true);
        File.Delete(warehousePath + ".wal");
        return moved ?? new AppStateMoved(0, 0);
    }

    private static AppStateMoved Copy(DuckDBConnection source, AppDatabase app)
    {
        var hasStamp = HasColumn(source, "users", "security_stamp");
        var hasDistricts = HasColumn(source, "users", "districts");
        var users = 0;
        var auditRows = 0;
        using var target = app.Connect();
        WarehouseSql.Execute(target, "BEGIN TRANSACTION");
        if (HasTable(source, "users"))
        {
            users = CopyUsers(source, target, hasStamp, hasDistricts);
        }

        if (HasTable(source, "audit_log"))
        {
            auditRows = CopyAudit(source, target);
        }

        WarehouseSql.Execute(target, "COMMIT");
        return new AppStateMoved(users, auditRows);
    }

    // The warehouse's own settings: a host started beside another over the same file (tests' derived hosts) shares its instance.
    private static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder
        {
            DataSource = path, ["checkpoint_threshold"] = WarehouseDatabase.CheckpointThreshold,
        }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static int CopyUsers(DuckDBConnection source, DuckDBConnection target, bool hasStamp, bool hasDistricts)
    {
        using var read = source.CreateCommand();
        read.CommandText = $"""
            SELECT username, password_hash, salt, roles, created_at,
                   {(hasStamp ? "security_stamp" : "NULL::VARCHAR")}, {(hasDistricts ? "districts" : "NULL::VARCHAR")}
            FROM app.users
            """;
        using var reader = read.ExecuteReader();
        var copied = 0;
        while (reader.Read())
        {
            using var insert = target.CreateCommand();
            insert.CommandText = """
                INSERT INTO app.users (username, password_hash, salt, roles, created_at, security_stamp, districts)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING
                """;
            insert.Parameters.AddValue(reader.GetString(0));
            insert.Parameters.AddValue(reader.GetString(1));
            insert.Parameters.AddValue(reader.GetString(2));
            insert.Parameters.AddValue(reader.GetString(3));
            insert.Parameters.AddValue(reader.GetDateTime(4));
            insert.Parameters.AddValue(reader.IsDBNull(5) ? null : reader.GetString(5));
            insert.Parameters.AddValue(reader.IsDBNull(6) ? null : reader.GetString(6));
            copied += insert.ExecuteNonQuery();
        }

        return copied;
    }

    private static int CopyAudit(DuckDBConnection source, DuckDBConnection target)
    {
        WarehouseSql.Execute(target, "CREATE TEMP TABLE moved_audit AS SELECT * FROM app.audit_log LIMIT 0");
        using (var read = source.CreateCommand())
        {
            read.CommandText = "SELECT \"at\", \"user\", action, detail FROM app.audit_log";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                using var insert = target.CreateCommand();
                insert.CommandText = "INSERT INTO moved_audit VALUES ($1, $2, $3, $4)";
                insert.Parameters.AddValue(reader.GetDateTime(0));
                insert.Parameters.AddValue(reader.IsDBNull(1) ? null : reader.GetString(1));
                insert.Parameters.AddValue(reader.GetString(2));
                insert.Parameters.AddValue(reader.IsDBNull(3) ? null : reader.GetString(3));
                insert.ExecuteNonQuery();
            }
        }

        using var copy = target.CreateCommand();
        copy.CommandText = "INSERT INTO app.audit_log SELECT * FROM moved_audit EXCEPT ALL SELECT * FROM app.audit_log";
        var copied = copy.ExecuteNonQuery();
        WarehouseSql.Execute(target, "DROP TABLE moved_audit");
        return copied;
    }

    private static bool HasTable(DuckDBConnection connection, string table) =>
        WarehouseSql.Scalar<long>(connection, $"SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'app' AND table_name = '{table}' AND database_name = current_database()") > 0;

    private static bool HasColumn(DuckDBConnection connection, string table, string column) =>
        WarehouseSql.Scalar<long>(connection, $"SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'app' AND table_name = '{table}' AND column_name = '{column}' AND database_name = current_database()") > 0;
}
