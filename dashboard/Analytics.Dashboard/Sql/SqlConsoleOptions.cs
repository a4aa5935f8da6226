namespace Analytics.Dashboard.Sql;

/// <summary>Limits of the analysts' SQL console: section <c>Analytics:SqlConsole</c>.</summary>
public sealed class SqlConsoleOptions
{
    public const string Section = "SqlConsole";

    /// <summary>Wall-clock limit of one query; the engine is interrupted when it passes.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Rows shown on the page; the total is still counted and reported.</summary>
    public int MaxRows { get; set; } = 1000;

    /// <summary>UTF-8 bytes of one cell shown on the page; a longer value is cut and marked.</summary>
    public int MaxCellBytes { get; set; } = 16 * 1024;

    /// <summary>UTF-8 bytes of all cells shown on one page; rows past it are counted, not shown.</summary>
    public int MaxPageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Rows written to an export at most.</summary>
    public int MaxExportRows { get; set; } = 100_000;

    /// <summary>Bytes of one export (CSV cells, or the Parquet file) at most; a larger export fails with a message.</summary>
    public long MaxExportBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Exports one user may run at the same time.</summary>
    public int MaxExportsPerUser { get; set; } = 1;

    /// <summary>Exports of all users running at the same time.</summary>
    public int MaxExports { get; set; } = 2;

    /// <summary>DuckDB <c>memory_limit</c> of each sandbox instance.</summary>
    public string MemoryLimit { get; set; } = "1GB";

    /// <summary>DuckDB <c>threads</c> of the sandbox instance.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Make the snapshot in the background at start and after each change (<see cref="SqlSnapshotWarmUp"/>); off, the first query makes it.</summary>
    public bool PrepareInBackground { get; set; } = true;

    /// <summary>Folder of the snapshot files; empty: a folder under the system's temporary folder named by a hash of the warehouse path.</summary>
    public string? SnapshotFolder { get; set; }
}
