using Analytics.DuckDb;
using System.Text.Encodings.Web;
using System.Text.Json;
using Analytics.Dashboard.Components.Shared;
using Analytics.Dashboard.Data;

namespace Analytics.Dashboard.Security;

public sealed record AuditEntry(DateTime At, string? User, string Action, string? Detail)
{
    /// <summary>
    /// The detail as a reader wants it: a JSON detail written with escaped non-ASCII characters (<c>\u8857</c>, as
    /// entries before <see cref="AuditLog.DetailJson"/> were) re-written with the characters themselves.
    /// </summary>
    public string? ReadableDetail
    {
        get
        {
            if (Detail is null || !(Detail.StartsWith('{') || Detail.StartsWith('[')) || !Detail.Contains("\\u", StringComparison.Ordinal))
            {
                return Detail;
            }

            try
            {
                using var document = JsonDocument.Parse(Detail);
                return JsonSerializer.Serialize(document.RootElement, AuditLog.DetailJson);
            }
            catch (JsonException)
            {
                return Detail;
            }
        }
    }
}

/// <summary>What the audit log page and its download filter on; null or empty fields do not filter.</summary>
public sealed record AuditFilter(string? User = null, string? Action = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The filter of query parameters; a date that is not yyyy-MM-dd does not filter.</summary>
    public static AuditFilter Parse(string? user, string? action, string? from, string? to) => new(user, action, Date(from), Date(to));

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : null;
}

/// <summary>app.audit_log: logins, failures, lockouts, logouts and operator actions.</summary>
public sealed class AuditLog(AppDatabase database, ILogger<AuditLog> logger, TimeProvider clock)
{
    /// <summary>How JSON details are written: Chinese stays readable in the table, the download and the log.</summary>
    public static readonly JsonSerializerOptions DetailJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    public IReadOnlyList<AuditEntry> Recent(int limit = 200) => Search(new AuditFilter(), limit);

    /// <summary>Every action recorded so far, for the page's filter.</summary>
    public IReadOnlyList<string> Actions()
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT action FROM app.audit_log ORDER BY action";
        using var reader = command.ExecuteReader();
        var actions = new List<string>();
        while (reader.Read())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }

    /// <summary>The newest <paramref name="limit"/> entries of a user (exact name), an action and a range of Beijing dates (both ends included), as staff read times.</summary>
    public IReadOnlyList<AuditEntry> Search(AuditFilter filter, int limit = 200)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "at", "user", action, detail FROM app.audit_log
            WHERE ($1 IS NULL OR "user" = $1) AND ($2 IS NULL OR action = $2)
              AND ($3 IS NULL OR "at" >= $3) AND ($4 IS NULL OR "at" < $4)
            ORDER BY "at" DESC LIMIT $5
            """;
        command.Parameters.AddValue(string.IsNullOrWhiteSpace(filter.User) ? null : filter.User.Trim());
        command.Parameters.AddValue(string.IsNullOrWhiteSpace(filter.Action) ? null : filter.Action.Trim());
        command.Parameters.AddValue(filter.From is { } from ? BeijingTime.StartUtc(from) : (DateTime?)null);
        command.Parameters.AddValue(filter.To is { } to ? BeijingTime.StartUtc(to.AddDays(1)) : (DateTime?)null);
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

