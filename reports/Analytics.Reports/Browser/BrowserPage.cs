using Microsoft.Playwright;

namespace Analytics.Reports.Browser;

/// <summary>A page with its own browser context; disposing closes both.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IBrowserContext Context { get; } = context;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // The browser is already gone (crash or shutdown): nothing left to close.
        }
    }
}
