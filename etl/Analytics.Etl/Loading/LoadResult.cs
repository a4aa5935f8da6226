using Analytics.Sources;

namespace Analytics.Etl.Loading;

/// <summary>The outcome of loading one feed for one quarter. Read = loaded + quarantined, always.</summary>
public sealed record LoadResult(
    long RunId,
    string Feed,
    Quarter Quarter,
    bool Succeeded,
    long RowsRead,
    long RowsLoaded,
    long RowsQuarantined,
    int Files,
    TimeSpan Duration,
    long? ReplacedRunId,
    string? Message)
{
    /// <summary>Milliseconds per step (open, read, validate, duplicates, quarantine, replace, insert, commit).</summary>
    public IReadOnlyDictionary<string, long> Steps { get; init; } = new Dictionary<string, long>();

    /// <summary>What the load passed over (unknown files and folders), in Chinese; also in the run log's message.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Counts of one file within a load.</summary>
public sealed record FileLoadCounts(string File, string FactTable, long Read, long Loaded, long Quarantined);

/// <summary>Progress of a running load, for progress bars.</summary>
public sealed record LoadProgress(string Feed, Quarter Quarter, string Step, int FilesDone, int FilesTotal, long RunId = 0);
