using Analytics.DuckDb;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Analytics.Dashboard.Data;

namespace Analytics.Dashboard.Security;

public sealed record AppUser(string Username, IReadOnlyList<string> Roles, DateTime CreatedAt, DistrictScope Districts);

/// <summary>
/// app.users: accounts with PBKDF2 password hashes and a security stamp per user, which every signed-in request is
/// checked against (briefly cached; a change here forgets the cached value at once). Failed sign-ins are throttled in
/// memory by <see cref="LoginThrottle"/>, not counted here: a failure for a real account does the same work as one for
/// an unknown name.
/// </summary>
public sealed class UserStore(AppDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan StampCacheLifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset Read)> _stamps = new(StringComparer.Ordinal);

    public IReadOnlyList<AppUser> List()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT username, roles, created_at, districts FROM app.users ORDER BY username";
        using var reader = command.ExecuteReader();
        var users = new List<AppUser>();
        while (reader.Read())
        {
            users.Add(new AppUser(reader.GetString(0), SplitRoles(reader.GetString(1)), reader.GetDateTime(2),
                DistrictScope.Parse(reader.IsDBNull(3) ? null : reader.GetString(3))));
        }

        return users;
    }

    public bool Exists(string username)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM app.users WHERE username = $1";
        command.Parameters.AddValue(username);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Creates the user, or sets its password, roles and districts (<paramref name="districts"/>: null for the city),
    /// ending its sessions: a new security stamp.
    /// </summary>
    public void Save(string username, string password, IEnumerable<string> roles, DistrictScope? districts = null)
    {
        var unknown = roles.Except(Roles.All).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"未知角色：{string.Join(",", unknown)}", nameof(roles));
        }

        var (hash, salt) = PasswordHasher.Hash(password);
        using (var connection = database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO app.users (username, password_hash, salt, roles, failed_attempts, locked_until, security_stamp, districts)
                VALUES ($1, $2, $3, $4, 0, NULL, $5, $6)
                ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, salt = excluded.salt,
                    roles = excluded.roles, failed_attempts = 0, locked_until = NULL, security_stamp = excluded.security_stamp,
                    districts = excluded.districts
                """;
            command.Parameters.AddValue(username);
            command.Parameters.AddValue(hash);
            command.Parameters.AddValue(salt);
            command.Parameters.AddValue(string.Join(",", roles.Distinct()));
            command.Parameters.AddValue(NewStamp());
            command.Parameters.AddValue((districts ?? DistrictScope.City).Stored);
            command.ExecuteNonQuery();
        }

        _stamps.TryRemove(username, out _);
    }

    /// <summary>Gives the user a new security stamp: every session of the user ends with its next request.</summary>
    public void EndSessions(string username)
    {
        using (var connection = database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE app.users SET security_stamp = $1 WHERE username = $2";
            command.Parameters.AddValue(NewStamp());
            command.Parameters.AddValue(username);
            command.ExecuteNonQuery();
        }

        _stamps.TryRemove(username, out _);
    }

    /// <summary>The user's security stamp (null: no such user), read at most every few seconds per user.</summary>
    public string? CurrentStamp(string username)
    {
        var now = clock.GetUtcNow();
        if (_stamps.TryGetValue(username, out var cached) && now - cached.Read < StampCacheLifetime)
        {
            return cached.Stamp;
        }

        var stamp = ReadStamp(username);
        _stamps[username] = (stamp, now);
        return stamp;
    }

    /// <summary>
    /// Checks a password: the user with its current stamp, or null. An unknown name costs the same PBKDF2 work and the
    /// same single read as a wrong password, so neither the answer nor its time tells which names exist.
    /// </summary>
    public (AppUser User, string Stamp)? CheckPassword(string username, string password)
    {
        using var connection = database.Connect();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT password_hash, salt, roles, created_at, security_stamp, districts FROM app.users WHERE username = $1";
        read.Parameters.AddValue(username);
        using var reader = read.ExecuteReader();
        if (!reader.Read())
        {
            PasswordHasher.Verify(password, $"pbkdf2-sha256${PasswordHasher.Iterations}$AAAA", "AAAA");
            return null;
        }

        var (hash, salt, roles, created) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3));
        var stamp = reader.IsDBNull(4) ? null : reader.GetString(4);
        var districts = DistrictScope.Parse(reader.IsDBNull(5) ? null : reader.GetString(5));
        if (!PasswordHasher.Verify(password, hash, salt))
        {
            return null;
        }

        if (stamp is null)
        {
            // An account from before stamps existed gets its first one now.
            reader.Close();
            EndSessions(username);
            stamp = ReadStamp(username)!;
        }

        // The new session carries the stamp just read: validation must compare against that one, not a cached older
        // stamp (another instance over the same database, such as a host resetting the admin password, may have moved it).
        _stamps[username] = (stamp, clock.GetUtcNow());
        return (new AppUser(username, SplitRoles(roles), created, districts), stamp);
    }

    private string? ReadStamp(string username)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT security_stamp FROM app.users WHERE username = $1";
        command.Parameters.AddValue(username);
        return command.ExecuteScalar() as string;
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static IReadOnlyList<string> SplitRoles(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
