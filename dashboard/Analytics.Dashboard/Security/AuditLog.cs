using Analytics.Dashboard.Data;

namespace Analytics.Dashboard.Security;

public sealed record AuditEntry(DateTime At, string? User, string Action, string? Detail);

/// <summary>app.audit_log: logins, failures, lockouts, logouts and operator actions.</summary>
public sealed class AuditLog(AppDatabase database, ILogger<AuditLog> logger, TimeProvider clock)
{
    public void Record(string? user, string action, string? detail = null)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO app.audit_log VALUES ($1, $2, $3, $4)";
        command.Parameters.AddValue(clock.GetUtcNow().UtcDateTime);
        command.Parameters.AddValue(user);
        command.Parameters.AddValue(action);
        command.Parameters.AddValue(detail);
        command.ExecuteNonQuery();
        logger.LogInformation("Audit {Action} by {User}: {Detail}", action, user, detail);
    }

    public IReadOnlyList<AuditEntry> Recent(int limit = 200)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"at\", \"user\", action, detail FROM app.audit_log ORDER BY \"at\" DESC LIMIT $1";
        command.Parameters.AddValue(limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetDateTime(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return entries;
    }
}
