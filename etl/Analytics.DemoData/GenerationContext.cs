using System.Collections.Concurrent;
using Analytics.DemoData.Anomalies;
using Analytics.DemoData.Model;
using Analytics.DemoData.Simulation;
using Analytics.Sources;
using Analytics.Sources.Manifest;

namespace Analytics.DemoData;

/// <summary>Everything the file writers read: options, towns, simulated state and the anomaly plan. Immutable once built.</summary>
public sealed class GenerationContext
{
    private readonly ConcurrentBag<GeneratedFile> _files = [];

    public required DemoOptions Options { get; init; }
    public required IReadOnlyList<TownProfile> Towns { get; init; }
    public required IReadOnlyList<Quarter> Quarters { get; init; }
    public required AnomalyPlan Plan { get; init; }
    public required AssistanceRoster[] Rosters { get; init; }
    public required ElderlyCareModel ElderlyCare { get; init; }
    public required SocialOrganisationModel Organisations { get; init; }
    public required PersonFactory People { get; init; }

    public long Seed => Options.Seed;

    public double Volume => Options.Volume;

    public string FullPath(string relative) => Path.Combine(Options.OutputDirectory, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Records a written file for the manifest, with the size and digest the loader checks it against.</summary>
    public void Register(string relative, string feed, string file, Quarter quarter, long rows)
    {
        var path = FullPath(relative);
        _files.Add(new GeneratedFile(relative, feed, file, quarter.ToString(), rows, new FileInfo(path).Length, FileDigest.Sha256(path)));
    }

    public IReadOnlyList<GeneratedFile> Files => _files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
}
