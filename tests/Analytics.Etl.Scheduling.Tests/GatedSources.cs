using Analytics.Etl.Extraction;
using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Scheduling.Tests;

/// <summary>Holds every load at the start (opening its extracts) until the test releases it, so a test knows a load is running.</summary>
public sealed class GatedSources(IExtractSourceFactory inner) : IExtractSourceFactory, IDisposable
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly ManualResetEventSlim _released = new(false);

    public IExtractSource Create(FeedSpec feed) => new GatedSource(inner.Create(feed), this);

    /// <summary>Waits until a load is inside <see cref="IExtractSource.Open"/>.</summary>
    public async Task WaitUntilLoadingAsync()
    {
        if (!await _entered.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("no load started");
        }
    }

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _entered.Dispose();
    }

    private sealed class GatedSource(IExtractSource inner, GatedSources gate) : IExtractSource
    {
        public string Transport => inner.Transport;
        public string Origin => inner.Origin;
        public IReadOnlyList<Quarter> QuartersOf(FeedSpec feed) => inner.QuartersOf(feed);

        public IReadOnlyList<ExtractFile> Open(FeedSpec feed, Quarter quarter)
        {
            gate._entered.Release();
            gate._released.Wait(TimeSpan.FromSeconds(30));
            return inner.Open(feed, quarter);
        }
    }
}
