using Analytics.Etl.Extraction;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Scheduling;

/// <summary>Where a scheduled load finds a feed's extracts; one source per run, so a job never holds a connection between runs.</summary>
public interface IExtractSourceFactory
{
    IExtractSource Create(FeedSpec feed);
}

/// <summary>Every feed from one drop folder (<see cref="FileDropSource"/>).</summary>
public sealed class FileDropSourceFactory(string root) : IExtractSourceFactory
{
    public string Root { get; } = root;

    public IExtractSource Create(FeedSpec feed) => new FileDropSource(Root);
}
