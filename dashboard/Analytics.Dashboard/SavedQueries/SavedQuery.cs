namespace Analytics.Dashboard.SavedQueries;

/// <summary>
/// A console query an analyst saved (保存的查询) with a title, an optional description and the chart drawn of its
/// result; when <see cref="Shared"/> every analyst can open it (共享查询), but only <see cref="Author"/> changes it.
/// Times are UTC.
/// </summary>
public sealed record SavedQuery(
    long Id,
    string Author,
    string Title,
    string? Description,
    string Sql,
    bool Shared,
    ChartSettings? Chart,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>The console's address that opens this query.</summary>
    public string Link => $"/analyst/sql?query={Id}";

    /// <summary>When it was last saved, as an instant (DuckDB's TIMESTAMP carries no zone; the store writes UTC).</summary>
    public DateTimeOffset Updated => new(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc));
}

/// <summary>What an analyst submits to save a query; nothing is trimmed or checked yet.</summary>
public sealed record SavedQueryDraft(string? Title, string? Description, string? Sql, bool Shared, ChartSettings? Chart);

/// <summary>The saved query, or why it was refused: a message for the title field, for the SQL field, or for the whole form.</summary>
public sealed record SaveOutcome(SavedQuery? Saved, string? TitleError = null, string? SqlError = null, string? Error = null)
{
    public bool Succeeded => Saved is not null;
}
