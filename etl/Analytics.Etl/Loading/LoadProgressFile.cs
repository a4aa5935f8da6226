using System.Diagnostics;
using System.Text.Json;

namespace Analytics.Etl.Loading;

/// <summary>A run as the progress file lists it: the runs before the batch, and those the batch finished.</summary>
public sealed record ProgressRun(long RunId, string Feed, int QuarterKey, string Status, long RowsRead, long RowsLoaded, long RowsQuarantined, DateTime StartedAt);

/// <summary>
/// What a running batch of loads has done so far: its process and kind, start, the feed-quarter it is in (with that
/// run's id once journalled), how many of its feed-quarters are done, and the recent runs.
/// </summary>
public sealed record LoadProgressState(int ProcessId, string HolderKind, DateTime StartedAt, string? Current, long? CurrentRunId,
    int Done, int Total, IReadOnlyList<ProgressRun> Runs)
{
    /// <summary>False when the process that wrote it is gone: the batch was killed or crashed (中断).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Alive { get; init; } = true;
}

/// <summary>
/// The progress of a batch of loads in a small file beside the warehouse (<c>&lt;db&gt;.load-progress.json</c>), replaced
/// atomically after every step. DuckDB locks the warehouse for the whole batch, so `etl status` reads this file instead.
/// </summary>
public sealed class LoadProgressFile : IProgress<LoadProgress>, IDisposable
{
    private const int RecentRuns = 10;
    private readonly string _path;
    private LoadProgressState _state;
    private string _feed = "";
    private int _quarterKey;

    private LoadProgressFile(string path, LoadProgressState state)
    {
        _path = path;
        _state = state;
        Write();
    }

    public static string PathFor(string databasePath) => Path.GetFullPath(databasePath) + ".load-progress.json";

    /// <summary>Starts the file of a batch of <paramref name="total"/> feed-quarters, with the runs the warehouse held before.</summary>
    public static LoadProgressFile Begin(string databasePath, string holderKind, int total, IEnumerable<RunRecord> recent) =>
        new(PathFor(databasePath), new LoadProgressState(Environment.ProcessId, holderKind, DateTime.UtcNow, null, null, 0, total,
            recent.Take(RecentRuns).Select(r => new ProgressRun(r.RunId, r.Feed, r.QuarterKey, r.Status, r.RowsRead, r.RowsLoaded, r.RowsQuarantined, r.StartedAt)).ToList()));

    /// <summary>The batch moves on to the feed-quarter.</summary>
    public void Enter(string feed, Analytics.Sources.Quarter quarter)
    {
        _feed = feed;
        _quarterKey = SourceQuarterLoader.QuarterKey(quarter);
        _state = _state with { Current = $"{feed}/{quarter}", CurrentRunId = null };
        Write();
    }

    /// <summary>The loader's report: once the current feed-quarter's run is journalled, the file names its id.</summary>
    public void Report(LoadProgress value)
    {
        var runId = value.RunId;
        if (runId != 0 && _state.CurrentRunId != runId)
        {
            _state = _state with { CurrentRunId = runId };
            Write();
        }
    }

    /// <summary>The current feed-quarter ended: loaded (<paramref name="result"/>) or failed (null; listed when its run was journalled).</summary>
    public void Finished(LoadResult? result)
    {
        var run = result is not null
            ? new ProgressRun(result.RunId, result.Feed, _quarterKey, "succeeded", result.RowsRead, result.RowsLoaded, result.RowsQuarantined, DateTime.UtcNow - result.Duration)
            : _state.CurrentRunId is { } failed ? new ProgressRun(failed, _feed, _quarterKey, "failed", 0, 0, 0, DateTime.UtcNow) : null;
        var runs = run is null ? _state.Runs : _state.Runs.Prepend(run).Take(RecentRuns).ToList();
        _state = _state with { Current = null, CurrentRunId = null, Done = _state.Done + 1, Runs = runs };
        Write();
    }

    /// <summary>The batch ended (however): nothing is in progress any more.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind, it names a process that is gone: read as 中断 until the next batch replaces it.
        }
    }

    /// <summary>The progress file beside the warehouse, or null when no batch left one.</summary>
    public static LoadProgressState? Read(string databasePath)
    {
        var path = PathFor(databasePath);
        try
        {
            var state = JsonSerializer.Deserialize<LoadProgressState>(File.ReadAllBytes(path));
            return state is null ? null : state with { Alive = IsRunning(state.ProcessId) };
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Written beside and renamed over the old file: a reader sees the old state or the new one, never half of either.
    // The file only informs `etl status`: a full disk fails the loads themselves, with their own message, not here.
    private void Write()
    {
        var temporary = $"{_path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(_state));
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
        }
    }
}
