using Analytics.DemoData.Anomalies;

namespace Analytics.DemoData;

/// <summary>What a generation run wrote: files with row counts, the injected anomalies, and how long it took.</summary>
public sealed record GenerationResult(
    DemoOptions Options,
    IReadOnlyList<GeneratedFile> Files,
    IReadOnlyList<InjectedAnomaly> Anomalies,
    int Towns,
    TimeSpan Elapsed)
{
    public long TotalRows => Files.Sum(f => f.Rows);

    public long RowsOf(string feed, string file) => Files.Where(f => f.Feed == feed && f.File == file).Sum(f => f.Rows);
}
