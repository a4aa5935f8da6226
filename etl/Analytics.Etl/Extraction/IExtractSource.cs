using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Extraction;

/// <summary>Where a feed's quarterly extracts come from: a file drop folder or a PostgreSQL source database.</summary>
public interface IExtractSource
{
    /// <summary><c>files</c> or <c>postgres</c>.</summary>
    string Transport { get; }

    /// <summary>The folder or database, for the run log (never with a password).</summary>
    string Origin { get; }

    /// <summary>The quarters for which the source holds this feed.</summary>
    IReadOnlyList<Quarter> QuartersOf(FeedSpec feed);

    /// <summary>The feed's files for a quarter; throws <see cref="EtlException"/> when the submission is missing or unreadable.</summary>
    IReadOnlyList<ExtractFile> Open(FeedSpec feed, Quarter quarter);

    /// <summary>
    /// What the source holds around the feed's quarter that no load reads (unknown files and folders, ledgers named
    /// outside the pattern), as Chinese warnings for the run log; a database source has none.
    /// </summary>
    IReadOnlyList<string> Strays(FeedSpec feed, Quarter quarter) => [];
}
