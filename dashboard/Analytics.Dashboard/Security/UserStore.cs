using Analytics.Dashboard.Configuration;
using Analytics.Dashboard.Data;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Security;

public sealed record AppUser(string Username, IReadOnlyList<string> Roles, int FailedAttempts, DateTime? LockedUntil, DateTime CreatedAt);

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>app.users: accounts with PBKDF2 password hashes and lockout after repeated failures.</summary>
public sealed class UserStore(AppDatabase database, IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    private readonly AnalyticsOptions _options = options.Value;

    public IReadOnlyList<AppUser> List()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT username, roles, failed_attempts, locked_until, created_at FROM app.users ORDER BY username";
        using var reader = command.ExecuteReader();
        var users = new List<AppUser>();
        while (reader.Read())
        {
            users.Add(new AppUser(reader.GetString(0), SplitRoles(reader.GetString(1)), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetDateTime(3), reader.GetDateTime(4)));
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

    /// <summary>Creates the user, or sets its password and roles and unlocks it when it exists.</summary>
    public void Save(string username, string password, IEnumerable<string> roles)
    {
        var unknown = roles.Except(Roles.All).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"未知角色：{string.Join(",", unknown)}", nameof(roles));
        }

        var (hash, salt) = PasswordHasher.Hash(password);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO app.users (username, password_hash, salt, roles, failed_attempts, locked_until) VALUES ($1, $2, $3, $4, 0, NULL)
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, salt = excluded.salt,
                roles = excluded.roles, failed_attempts = 0, locked_until = NULL
            """;
        command.Parameters.AddValue(username);
        command.Parameters.AddValue(hash);
        command.Parameters.AddValue(salt);
        command.Parameters.AddValue(string.Join(",", roles.Distinct()));
        command.ExecuteNonQuery();
    }

    /// <summary>Checks a password; counts failures and locks the account for a while after too many.</summary>
    public (SignInOutcome Outcome, AppUser? User) CheckPassword(string username, string password)
    {
        using var connection = database.Connect();
        string hash, salt, roles;
        int failed;
        DateTime? lockedUntil;
        DateTime created;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT password_hash, salt, roles, failed_attempts, locked_until, created_at FROM app.users WHERE username = $1";
            read.Parameters.AddValue(username);
            using var reader = read.ExecuteReader();
            if (!reader.Read())
            {
                // Same work as for a real account, so timing does not reveal which names exist.
                PasswordHasher.Verify(password, $"pbkdf2-sha256${PasswordHasher.Iterations}$AAAA", "AAAA");
                return (SignInOutcome.Failed, null);
            }

            (hash, salt, roles, failed) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
            lockedUntil = reader.IsDBNull(4) ? null : reader.GetDateTime(4);
            created = reader.GetDateTime(5);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (lockedUntil is { } until && until > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (PasswordHasher.Verify(password, hash, salt))
        {
            Update(connection, username, 0, null);
            return (SignInOutcome.Succeeded, new AppUser(username, SplitRoles(roles), 0, null, created));
        }

        failed++;
        if (failed >= _options.MaxFailedLogins)
        {
            Update(connection, username, 0, now.AddMinutes(_options.LockoutMinutes));
            return (SignInOutcome.LockedOut, null);
        }

        Update(connection, username, failed, null);
        return (SignInOutcome.Failed, null);
    }

    private static void Update(Analytics.DuckDb.DuckDbConnection connection, string username, int failed, DateTime? lockedUntil)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE app.users SET failed_attempts = $1, locked_until = $2 WHERE username = $3";
        command.Parameters.AddValue(failed);
        command.Parameters.AddValue(lockedUntil);
        command.Parameters.AddValue(username);
        command.ExecuteNonQuery();
    }

    private static IReadOnlyList<string> SplitRoles(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
