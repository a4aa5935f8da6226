namespace Analytics.DuckDb;

/// <summary>Another process holds the lock of <paramref name="File"/>; <paramref name="ProcessId"/> when DuckDB names it.</summary>
public sealed record LockConflict(string File, int? ProcessId);
