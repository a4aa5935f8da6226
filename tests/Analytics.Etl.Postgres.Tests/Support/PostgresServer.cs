using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Analytics.Etl.Postgres.Tests.Support;

/// <summary>
/// A real, throwaway PostgreSQL server run from Debian's binaries (<c>/usr/lib/postgresql/&lt;version&gt;/bin</c>):
/// initdb into a temporary directory with a random superuser password, listening only on 127.0.0.1 on a
/// free port, unix sockets in the temporary directory. initdb and postgres refuse to run as root, so
/// under root the directory is handed to the <c>postgres</c> system user and the binaries run through runuser.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string PostgresRoot = "/usr/lib/postgresql";
    private const string SystemUser = "postgres";
    private readonly bool _asSystemUser;
    private int _databases;

    public PostgresServer()
    {
        BinDirectory = FindBinDirectory();
        Root = Path.Combine(Path.GetTempPath(), "analytics-pg-" + Guid.NewGuid().ToString("N")[..12]);
        DataDirectory = Path.Combine(Root, "data");
        var sockets = Path.Combine(Root, "sock");
        Directory.CreateDirectory(sockets);
        // Letters, digits and punctuation, so a leak would be easy to spot and would not match by accident.
        Password = "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + "!x";
        var passwordFile = Path.Combine(Root, "pwfile");
        File.WriteAllText(passwordFile, Password + "\n");
        _asSystemUser = Environment.UserName == "root";
        if (_asSystemUser)
        {
            Run("chown", ["-R", $"{SystemUser}:{SystemUser}", Root], asSystemUser: false);
        }

        try
        {
            Run(Path.Combine(BinDirectory, "initdb"),
                ["-D", DataDirectory, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"]);
            File.Delete(passwordFile);
            Port = FreePort();
            var options = string.Join(' ', $"-p {Port.ToString(CultureInfo.InvariantCulture)}", "-c listen_addresses=127.0.0.1",
                $"-c unix_socket_directories={sockets}", "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
            Run(Path.Combine(BinDirectory, "pg_ctl"), ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(Root, "server.log"), "-o", options]);
        }
        catch
        {
            Cleanup();
            throw;
        }
    }

    public const string SuperUser = "postgres";

    public string BinDirectory { get; }

    public string Root { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>The superuser's random password; tests assert it never appears in messages.</summary>
    public string Password { get; }

    /// <summary>A connection string to <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database = "postgres", string? password = null, int? port = null) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port ?? Port,
            Username = SuperUser,
            Password = password ?? Password,
            Database = database,
            Timeout = 5,
        }.ConnectionString;

    /// <summary>Creates a fresh, empty database (so tests do not see each other's tables) and returns its connection string.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}".ToLowerInvariant();
        Execute("postgres", $"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>Runs SQL against a database of this server.</summary>
    public void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs SQL against the database of a connection string made by <see cref="CreateDatabase"/>.</summary>
    public static void ExecuteOn(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? ScalarOn(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                Run(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"]);
            }
        }
        finally
        {
            Cleanup();
        }
    }

    private void Cleanup()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing the run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindBinDirectory()
    {
        var versions = Directory.Exists(PostgresRoot)
            ? Directory.GetDirectories(PostgresRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Dir, "bin", "initdb")) && File.Exists(Path.Combine(d.Dir, "bin", "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .ToList()
            : [];
        if (versions.Count == 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries not found ({PostgresRoot}/<version>/bin/initdb and pg_ctl). " +
                "Install the Debian package 'postgresql' (./test installs it from scripts/apt-packages.txt).");
        }

        return Path.Combine(versions[0].Dir, "bin");
    }

    private void Run(string program, IReadOnlyList<string> arguments) => Run(program, arguments, _asSystemUser);

    private void Run(string program, IReadOnlyList<string> arguments, bool asSystemUser)
    {
        var start = new ProcessStartInfo
        {
            FileName = asSystemUser ? "runuser" : program,
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asSystemUser)
        {
            foreach (var argument in new[] { "-u", SystemUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        // pg_ctl start leaves the server running with our pipes inherited unless -l redirects it (it does); read to the end.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 120 s");
        }

        if (process.ExitCode != 0)
        {
            var log = Path.Combine(Root, "server.log");
            var serverLog = File.Exists(log) ? File.ReadAllText(log) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output.Result}\n{error.Result}\n{serverLog}");
        }
    }
}
