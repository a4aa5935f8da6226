using Microsoft.Playwright;

namespace Analytics.Reports.Browser;

/// <summary>
/// One headless Chromium for the life of the process, started on first use and started again
/// when it has crashed or been closed. Pages come from fresh contexts so documents never share state.
/// Thread-safe.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    /// <summary>How many times Chromium has been (re)started; a restart after a crash adds one.</summary>
    public int Launches { get; private set; }

    /// <summary>Opens a page in a new context of the running browser (starting or restarting it if needed).</summary>
    public async Task<BrowserPage> NewPageAsync(BrowserNewContextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var browser = await GetBrowserAsync(cancellationToken).ConfigureAwait(false);
        IBrowserContext context;
        try
        {
            context = await browser.NewContextAsync(options).ConfigureAwait(false);
        }
        catch (PlaywrightException) when (!browser.IsConnected)
        {
            // The browser died between the check and the call: start it again once.
            browser = await GetBrowserAsync(cancellationToken).ConfigureAwait(false);
            context = await browser.NewContextAsync(options).ConfigureAwait(false);
        }

        var page = await context.NewPageAsync().ConfigureAwait(false);
        return new BrowserPage(context, page);
    }

    private async Task<IBrowser> GetBrowserAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (_browser is not null)
            {
                await _browser.DisposeAsync().ConfigureAwait(false);
                _browser = null;
            }

            if (!File.Exists(ChromiumOptions.ExecutablePath))
            {
                throw new InvalidOperationException(
                    $"Chromium was not found at {ChromiumOptions.ExecutablePath}: install Debian's package 'chromium' (./test and ./run do), or set ANALYTICS_CHROMIUM.");
            }

            _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumOptions.ExecutablePath,
                Headless = true,
                Args = ChromiumOptions.Arguments,
                Timeout = 60_000,
            }).ConfigureAwait(false);
            Launches++;
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the browser process, as a crash would (for tests of the restart).</summary>
    public async Task CloseBrowserAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_browser is not null)
            {
                await _browser.CloseAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_browser is not null)
            {
                await _browser.DisposeAsync().ConfigureAwait(false);
            }

            _playwright?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
