namespace Analytics.Dashboard.Sql;

public sealed record SqlColumn(string Name, string Type);

/// <summary>The outcome of one console query: columns and the first rows, or an error in Chinese with DuckDB's reason.</summary>
public sealed record SqlResult(
    IReadOnlyList<SqlColumn> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    long TotalRows,
    bool Truncated,
    string? Error,
    TimeSpan Elapsed)
{
    public bool Succeeded => Error is null;

    /// <summary>Which cap bit (cells cut, rows not shown for the page's byte cap), in Chinese; null when none did.</summary>
    public string? Notice { get; init; }

    public static SqlResult Failed(string error, TimeSpan elapsed) => new([], [], 0, false, error, elapsed);
}

/// <summary>One console query of a user, as the audit log recorded it.</summary>
public sealed record SqlHistoryEntry(DateTime At, string Sql, long? Rows, string? Error);

/// <summary>One column of the analysts' snapshot, for the schema browser.</summary>
public sealed record SandboxColumn(string Schema, string Table, string Column, string Type);
