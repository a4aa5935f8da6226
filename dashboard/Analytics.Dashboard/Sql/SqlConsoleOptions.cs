namespace Analytics.Dashboard.Sql;

/// <summary>Limits of the analysts' SQL console: section <c>Analytics:SqlConsole</c>.</summary>
public sealed class SqlConsoleOptions
{
    public const string Section = "SqlConsole";

    /// <summary>Wall-clock limit of one query; the engine is interrupted when it passes.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Rows shown on the page; the total is still counted and reported.</summary>
    public int MaxRows { get; set; } = 1000;

    /// <summary>Rows written to a CSV export at most.</summary>
    public int MaxExportRows { get; set; } = 100_000;

    /// <summary>DuckDB <c>memory_limit</c> of the sandbox instance.</summary>
    public string MemoryLimit { get; set; } = "1GB";

    /// <summary>DuckDB <c>threads</c> of the sandbox instance.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Folder of the snapshot files; empty: <c>sql-sandbox</c> beside the warehouse file.</summary>
    public string? SnapshotFolder { get; set; }
}
