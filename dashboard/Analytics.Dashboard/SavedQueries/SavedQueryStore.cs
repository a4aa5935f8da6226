using System.Text.Json;
using Analytics.Dashboard.Data;
using Analytics.Dashboard.Security;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Dashboard.SavedQueries;

/// <summary>
/// app.saved_query: the console queries analysts save, and share with every analyst. Anyone may open their own and the
/// shared ones; only the author renames, edits, shares or deletes. Every save, share, unshare and delete is written to
/// the audit log. Titles are unique per author; the check and the write run under one lock because this host is the
/// state file's only writer (an index on the title would make DuckDB refuse some renames of the same row).
/// </summary>
public sealed class SavedQueryStore(AppDatabase database, AuditLog audit, TimeProvider clock)
{
    public const string SaveAction = "query.save";
    public const string ShareAction = "query.share";
    public const string UnshareAction = "query.unshare";
    public const string DeleteAction = "query.delete";
    public const int MaxTitleLength = 100;
    public const int MaxDescriptionLength = 500;

    private const string Columns = "id, author, title, description, sql, shared, chart, created_at, updated_at";

    private readonly Lock _gate = new();

    /// <summary>Saves <paramref name="draft"/> as a new query of <paramref name="author"/>, or says which field is wrong.</summary>
    public SaveOutcome Create(string author, SavedQueryDraft draft)
    {
        lock (_gate)
        {
            if (Refusal(author, draft, null) is { } refused)
            {
                return refused;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            using var connection = database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO app.saved_query (author, title, description, sql, shared, chart, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {Columns}
                """;
            command.Parameters.AddValue(author);
            AddDraft(command, draft);
            command.Parameters.AddValue(now);
            var saved = ReadOne(command)!;
            Audit(author, SaveAction, saved, null);
            if (saved.Shared)
            {
                Audit(author, ShareAction, saved, null);
            }

            return new SaveOutcome(saved);
        }
    }

    /// <summary>
    /// Replaces the title, description, SQL, sharing and chart of query <paramref name="id"/>; refused unless
    /// <paramref name="user"/> is its author.
    /// </summary>
    public SaveOutcome Update(long id, string user, SavedQueryDraft draft)
    {
        lock (_gate)
        {
            if (Own(id, user) is not { } before)
            {
                return new SaveOutcome(null, Error: NotYours);
            }

            if (Refusal(user, draft, id) is { } refused)
            {
                return refused;
            }

            using var connection = database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE app.saved_query SET title = $2, description = $3, sql = $4, shared = $5, chart = $6, updated_at = $7
                WHERE id = $1 RETURNING {Columns}
                """;
            command.Parameters.AddValue(id);
            AddDraft(command, draft);
            command.Parameters.AddValue(clock.GetUtcNow().UtcDateTime);
            var saved = ReadOne(command)!;
            Audit(user, SaveAction, saved, before.Title == saved.Title ? null : before.Title);
            if (saved.Shared != before.Shared)
            {
                Audit(user, saved.Shared ? ShareAction : UnshareAction, saved, null);
            }

            return new SaveOutcome(saved);
        }
    }

    /// <summary>Deletes query <paramref name="id"/> when <paramref name="user"/> is its author; false otherwise.</summary>
    public bool Delete(long id, string user)
    {
        lock (_gate)
        {
            if (Own(id, user) is not { } query)
            {
                return false;
            }

            using var connection = database.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM app.saved_query WHERE id = $1";
            command.Parameters.AddValue(id);
            command.ExecuteNonQuery();
            Audit(user, DeleteAction, query, null);
            return true;
        }
    }

    /// <summary>Query <paramref name="id"/> if <paramref name="user"/> wrote it or it is shared; null otherwise.</summary>
    public SavedQuery? Find(long id, string user) =>
        Read("WHERE id = $1 AND (author = $2 OR shared)", id, user).SingleOrDefault();

    /// <summary>The queries <paramref name="user"/> saved, most recently changed first.</summary>
    public IReadOnlyList<SavedQuery> OwnedBy(string user) =>
        Read("WHERE author = $1 ORDER BY updated_at DESC, id DESC", user);

    /// <summary>The queries other analysts share, most recently changed first.</summary>
    public IReadOnlyList<SavedQuery> SharedWith(string user) =>
        Read("WHERE shared AND author <> $1 ORDER BY updated_at DESC, id DESC", user);

    private const string NotYours = "只有查询的作者可以修改或删除它。";

    private SavedQuery? Own(long id, string user) => Read("WHERE id = $1 AND author = $2", id, user).SingleOrDefault();

    private SaveOutcome? Refusal(string author, SavedQueryDraft draft, long? id)
    {
        var title = draft.Title?.Trim() ?? "";
        string? titleError = title.Length switch
        {
            0 => "请填写标题。",
            > MaxTitleLength => $"标题不能超过 {MaxTitleLength} 个字。",
            _ => null,
        };
        if (titleError is null && Read("WHERE author = $1 AND title = $2 AND id <> $3", author, title, id ?? -1).Count > 0)
        {
            titleError = $"你已有名为「{title}」的查询，请换一个标题。";
        }

        var sqlError = string.IsNullOrWhiteSpace(draft.Sql) ? "SQL 不能为空。" : null;
        var error = draft.Description?.Trim().Length > MaxDescriptionLength ? $"说明不能超过 {MaxDescriptionLength} 个字。" : null;
        return titleError is null && sqlError is null && error is null ? null : new SaveOutcome(null, titleError, sqlError, error);
    }

    private static void AddDraft(DuckDBCommand command, SavedQueryDraft draft)
    {
        command.Parameters.AddValue(draft.Title!.Trim());
        command.Parameters.AddValue(string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim());
        command.Parameters.AddValue(draft.Sql!.Trim());
        command.Parameters.AddValue(draft.Shared);
        command.Parameters.AddValue(draft.Chart?.ToJson());
    }

    private void Audit(string user, string action, SavedQuery query, string? renamedFrom) =>
        audit.Record(user, action, JsonSerializer.Serialize(
            new { query.Id, query.Title, RenamedFrom = renamedFrom, query.Shared }, AuditLog.DetailJson));

    private IReadOnlyList<SavedQuery> Read(string where, params object?[] parameters)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM app.saved_query {where}";
        foreach (var parameter in parameters)
        {
            command.Parameters.AddValue(parameter);
        }

        using var reader = command.ExecuteReader();
        var queries = new List<SavedQuery>();
        while (reader.Read())
        {
            queries.Add(Row(reader));
        }

        return queries;
    }

    private static SavedQuery? ReadOne(DuckDBCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    private static SavedQuery Row(DuckDBDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetBoolean(5),
        ChartSettings.FromJson(reader.IsDBNull(6) ? null : reader.GetString(6)),
        reader.GetDateTime(7),
        reader.GetDateTime(8));
}
