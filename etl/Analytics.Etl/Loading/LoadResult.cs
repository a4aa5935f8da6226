using Analytics.Sources;

namespace Analytics.Etl.Loading;

/// <summary>The outcome of loading one feed for one quarter. Read = loaded + quarantined, always.</summary>
public sealed record LoadResult
{
    private LoadResult(string feed, Quarter quarter, bool succeeded, TimeSpan duration, string? message)
    {
        Feed = feed;
        Quarter = quarter;
        Succeeded = succeeded;
        Duration = duration;
        Message = message;
    }

    /// <summary>A committed load: its run, the counts per fact file, the extract files it opened and the run log's message.</summary>
    public static LoadResult Loaded(long runId, string feed, Quarter quarter, IReadOnlyList<FileLoadCounts> counts, int files, TimeSpan duration,
        long? replacedRunId, string message) =>
        new(feed, quarter, true, duration, message)
        {
            RunId = runId,
            RowsRead = counts.Sum(c => c.Read),
            RowsLoaded = counts.Sum(c => c.Loaded),
            RowsQuarantined = counts.Sum(c => c.Quarantined),
            Files = files,
            ReplacedRunId = replacedRunId,
        };

    /// <summary>A load that failed and changed nothing; <paramref name="message"/> is its cause in Chinese.</summary>
    public static LoadResult Failed(string feed, Quarter quarter, TimeSpan duration, string message) => new(feed, quarter, false, duration, message);

    /// <summary>The run's id in etl_run; 0 until a failed load is journalled.</summary>
    public long RunId { get; init; }

    public string Feed { get; }

    public Quarter Quarter { get; }

    public bool Succeeded { get; }

    public long RowsRead { get; private init; }

    public long RowsLoaded { get; private init; }

    public long RowsQuarantined { get; private init; }

    public int Files { get; private init; }

    public TimeSpan Duration { get; init; }

    /// <summary>The run whose facts this load replaced, if the feed-quarter was loaded before.</summary>
    public long? ReplacedRunId { get; private init; }

    public string? Message { get; }

    /// <summary>Milliseconds per step (open, read, validate, duplicates, quarantine, replace, insert, commit).</summary>
    public IReadOnlyDictionary<string, long> Steps { get; init; } = new Dictionary<string, long>();

    /// <summary>What the load passed over (unknown files and folders), in Chinese; also in the run log's message.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Counts of one file within a load.</summary>
public sealed record FileLoadCounts(string File, string FactTable, long Read, long Loaded, long Quarantined);

/// <summary>Progress of a running load, for progress bars.</summary>
public sealed record LoadProgress(string Feed, Quarter Quarter, string Step, int FilesDone, int FilesTotal, long RunId = 0);
