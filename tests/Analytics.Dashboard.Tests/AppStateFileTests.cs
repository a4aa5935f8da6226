using System.Text;
using Analytics.Dashboard.Data;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The host's accounts, password hashes, sessions' stamps and audit log live in a file of their own beside the
/// warehouse, so the warehouse can be handed out; an older warehouse that still holds them gives them up at start.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AppStateFileTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_warehouse_holds_no_password_hash_stamp_or_audit_row_of_the_host()
    {
        await fixture.AdminAsync();
        var app = fixture.Services.GetRequiredService<AppDatabase>();
        Assert.Equal(fixture.DatabasePath + AppDatabase.Suffix, app.Path);
        var (hash, stamp) = AdminSecrets(app);
        Assert.Contains(fixture.Services.GetRequiredService<AuditLog>().Recent(), e => e is { User: "admin", Action: "login" });

        // A copy of the checkpointed file, opened in a plain DuckDB connection as anyone handed the file would.
        fixture.Services.GetRequiredService<WarehouseDatabase>().Checkpoint();
        var copy = Path.Combine(fixture.Root, $"handed-out-{Guid.NewGuid():N}.duckdb");
        File.Copy(fixture.DatabasePath, copy);
        try
        {
            using (var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = copy }.ConnectionString))
            {
                connection.Open();
                Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'app'"));
                Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('users', 'audit_log')"));
                Assert.Equal(0L, CountEverywhere(connection, hash));
                Assert.Equal(0L, CountEverywhere(connection, stamp));
                Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM duckdb_columns() WHERE column_name IN ('password_hash', 'security_stamp')"));
            }

            var bytes = File.ReadAllBytes(copy);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(hash)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(stamp)));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void An_older_warehouse_gives_its_accounts_and_audit_rows_to_the_state_file_and_keeps_no_trace_of_them()
    {
        var folder = Path.Combine(fixture.Root, $"old-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var warehousePath = Path.Combine(folder, "old.duckdb");
        string hash;
        var old = WarehouseDatabase.Open(warehousePath);
        using (var connection = old.Connect())
        {
            // The layout of schema app as the host wrote it into the warehouse before it had a file of its own.
            var (oldHash, salt) = PasswordHasher.Hash("an-old-password-1");
            hash = oldHash;
            Execute(connection, "CREATE SCHEMA app");
            Execute(connection, """
                CREATE TABLE app.users (username VARCHAR PRIMARY KEY, password_hash VARCHAR NOT NULL, salt VARCHAR NOT NULL,
                    roles VARCHAR NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TIMESTAMP,
                    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp, security_stamp VARCHAR)
                """);
            Execute(connection, "CREATE TABLE app.audit_log (\"at\" TIMESTAMP NOT NULL, \"user\" VARCHAR, action VARCHAR NOT NULL, detail VARCHAR)");
            Execute(connection, $"INSERT INTO app.users VALUES ('old-leader', '{hash}', '{salt}', 'leader', 0, NULL, TIMESTAMP '2024-01-02 03:04:05', 'OLDSTAMP')");
            Execute(connection, "INSERT INTO app.audit_log SELECT TIMESTAMP '2024-01-02 03:04:05' + to_seconds(range), 'old-leader', 'login', 'client-' || range FROM range(250)");
            Execute(connection, "CHECKPOINT");
            Assert.NotEqual(-1, File.ReadAllBytes(warehousePath).AsSpan().IndexOf(Encoding.UTF8.GetBytes(hash)));
        }

        using var app = new AppDatabase(AppDatabase.PathFor(warehousePath, null));
        app.EnsureCreated();
        Assert.Equal(new AppStateMoved(1, 250), AppStateMove.Run(warehousePath, app));
        Assert.Null(AppStateMove.Run(warehousePath, app));

        // The account signs in from the state file with its old password, and sees the city as it did before.
        var users = new UserStore(app, TimeProvider.System);
        var signedIn = users.CheckPassword("old-leader", "an-old-password-1");
        Assert.NotNull(signedIn);
        Assert.Equal("OLDSTAMP", signedIn.Value.Stamp);
        Assert.True(signedIn.Value.User.Districts.IsCity);
        using (var connection = app.Connect())
        {
            Assert.Equal(250L, Scalar(connection, "SELECT count(*) FROM app.audit_log WHERE \"user\" = 'old-leader' AND action = 'login'"));
        }

        // The rewritten warehouse: still migrated and loadable, without schema app, and without the hash even in freed blocks.
        Assert.Equal(-1, File.ReadAllBytes(warehousePath).AsSpan().IndexOf(Encoding.UTF8.GetBytes(hash)));
        Assert.False(File.Exists(warehousePath + AppStateMove.RewriteSuffix));
        var reopened = WarehouseDatabase.Open(warehousePath);
        using (var connection = reopened.Connect())
        {
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'app'"));
            Assert.Equal(4L, Scalar(connection, "SELECT count(DISTINCT district_code) FROM dim_region WHERE district_code IN ('310105', '310107', '310117', '310118')"));
        }

        Directory.Delete(folder, recursive: true);
    }

    private static (string Hash, string Stamp) AdminSecrets(AppDatabase app)
    {
        using var connection = app.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash, security_stamp FROM app.users WHERE username = 'admin'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Rows in any text column of any table of the file that equal <paramref name="value"/>.</summary>
    private static long CountEverywhere(DuckDBConnection connection, string value)
    {
        var columns = new List<(string Schema, string Table, string Column)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT schema_name, table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND NOT internal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        Assert.NotEmpty(columns);
        return columns.Sum(c =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{c.Schema}\".\"{c.Table}\" WHERE \"{c.Column}\" = $1";
            command.Parameters.AddValue(value);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    [Fact]
    public void A_state_file_whose_host_was_killed_after_start_up_opens_again()
    {
        var folder = Path.Combine(fixture.Root, $"killed-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "w.duckdb" + AppDatabase.Suffix);
        using var running = new AppDatabase(path);
        running.EnsureCreated();
        running.EnsureCreated();

        // The files as a kill leaves them: copied while the first host still holds them, so nothing was checkpointed at close.
        var copy = Path.Combine(folder, "copy.duckdb" + AppDatabase.Suffix);
        File.Copy(path, copy);
        if (File.Exists(path + ".wal"))
        {
            File.Copy(path + ".wal", copy + ".wal");
        }

        using var restarted = new AppDatabase(copy);
        restarted.EnsureCreated();
        using var connection = restarted.Connect();
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM app.users"));
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
