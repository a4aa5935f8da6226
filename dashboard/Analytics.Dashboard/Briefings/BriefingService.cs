using Analytics.Dashboard.Configuration;
using Analytics.Reports.Browser;
using Analytics.Reports.Generation;
using Analytics.Warehouse;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Briefings;

/// <summary>How the last generation in this host ended, for the briefings page.</summary>
public sealed record BriefingRunStatus(string Period, string Trigger, DateTimeOffset FinishedAt, bool Succeeded, string Message);

/// <summary>A generation under way: documents printed of the run's total (0 of 0 while the numbers are read).</summary>
public sealed record BriefingProgress(string Period, string? District, DateTimeOffset StartedAt, int Done, int Total);

/// <summary>
/// The host's briefings: one generator over the shared <see cref="ChromiumBrowser"/> (started on first use, restarted
/// after a crash), the index, and the PDF files under the briefing folder.
/// </summary>
public sealed class BriefingService(WarehouseDatabase warehouse, ChromiumBrowser browser, IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    public BriefingIndex Index { get; } = new(warehouse);

    /// <summary>The index with what changed since each briefing was made, and its earlier versions.</summary>
    public BriefingFreshness Freshness { get; } = new(warehouse);

    /// <summary>Analytics:BriefingFolder, or <c>briefings</c> beside the warehouse file when empty.</summary>
    public string Folder { get; } = ResolveFolder(options.Value);

    public BriefingRunStatus? LastRun { get; private set; }

    /// <summary>The generation running now (the job runs one at a time), or null.</summary>
    public BriefingProgress? Running => _running;

    private volatile BriefingProgress? _running;

    public async Task<BriefingRun> GenerateAsync(BriefingRequest request, CancellationToken cancellationToken)
    {
        var started = new BriefingProgress(request.Period.ToString(), request.District, clock.GetUtcNow(), 0, 0);
        _running = started;
        var generator = new BriefingGenerator(warehouse, browser, new BriefingOptions
        {
            Folder = Folder,
            Concurrency = Math.Max(1, options.Value.BriefingConcurrency),
            Progress = (done, total) => _running = started with { Done = done, Total = total },
        }, clock);
        try
        {
            var run = await generator.GenerateAsync(request, cancellationToken);
            LastRun = new BriefingRunStatus(request.Period.ToString(), request.Trigger, clock.GetUtcNow(), true,
                $"已生成 {run.Documents.Count} 份，用时 {run.Elapsed.TotalSeconds:F1} 秒");
            return run;
        }
        catch (Exception ex)
        {
            // Whatever ended the generation, the page shows it as the last run before the failure goes on.
            LastRun = new BriefingRunStatus(request.Period.ToString(), request.Trigger, clock.GetUtcNow(), false, ex.Message);
            throw;
        }
        finally
        {
            _running = null;
        }
    }

    /// <summary>
    /// The file of an index entry, opened for reading; null when the entry's file is gone or its stored path would
    /// leave the briefing folder (the path on disk never comes from the request).
    /// </summary>
    public FileStream? Open(BriefingEntry entry)
    {
        var root = Path.GetFullPath(Folder) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, entry.FilePath));
        return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full) ? File.OpenRead(full) : null;
    }

    private static string ResolveFolder(AnalyticsOptions settings) => Path.GetFullPath(string.IsNullOrWhiteSpace(settings.BriefingFolder)
        ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.DatabasePath)) ?? ".", "briefings")
        : settings.BriefingFolder);
}
