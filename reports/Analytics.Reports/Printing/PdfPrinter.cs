using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Analytics.Charts;
using Analytics.Reports.Browser;
using Microsoft.Playwright;

namespace Analytics.Reports.Printing;

/// <summary>
/// Prints self-contained HTML documents to A4 PDFs with the shared <see cref="ChromiumBrowser"/>. Each concurrent
/// print uses a tab of its own that is kept for the next document, so Apache ECharts (1 MB, read from disk once) is
/// injected once per tab rather than once per document; the documents are our own HTML with no storage, so reusing a
/// tab shares nothing that matters. Before printing, every chart must have rendered and the fonts must be loaded.
/// Dispose after a run to close the tabs.
/// </summary>
public sealed partial class PdfPrinter(ChromiumBrowser browser) : IAsyncDisposable
{
    private static readonly Lazy<string> ECharts = new(() => Read(ChartScripts.EChartsPath));
    private static readonly Lazy<string> Drawing = new(() => Read(ChartScripts.DrawingScriptPath));

    private readonly ConcurrentBag<BrowserPage> _idle = [];

    /// <summary>How long a page may take to draw its charts before the document fails.</summary>
    public TimeSpan DrawTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<byte[]> PrintAsync(string html, PageStamp stamp, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var tab = await RentAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var pdf = await PrintOnceAsync(tab.Page, html, stamp, cancellationToken).ConfigureAwait(false);
                _idle.Add(tab);
                return pdf;
            }
            catch (PlaywrightException) when (cancellationToken.IsCancellationRequested)
            {
                await tab.DisposeAsync().ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
            }
            catch (PlaywrightException) when (attempt == 1)
            {
                // The browser crashed or was closed under this tab: drop the tab; the next one starts the browser again.
                await tab.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await tab.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task<BrowserPage> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var tab))
        {
            if (!tab.Page.IsClosed && tab.Context.Browser is { IsConnected: true })
            {
                return tab;
            }

            await tab.DisposeAsync().ConfigureAwait(false);
        }

        return await browser.NewPageAsync(new BrowserNewContextOptions
        {
            // About the A4 content width at 96 dpi; charts have fixed mm sizes, so this only avoids reflow.
            ViewportSize = new ViewportSize { Width = 720, Height = 1000 },
            Offline = true,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> PrintOnceAsync(IPage page, string html, PageStamp stamp, CancellationToken cancellationToken)
    {
        using var cancel = cancellationToken.Register(() => _ = page.CloseAsync());
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).ConfigureAwait(false);
        if (await page.EvaluateAsync<bool>("() => document.querySelector('[data-chart]') !== null").ConfigureAwait(false))
        {
            // Replacing the document keeps the tab's globals, so ECharts usually survives from the previous document.
            if (!await page.EvaluateAsync<bool>("() => typeof window.echarts !== 'undefined'").ConfigureAwait(false))
            {
                await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = ECharts.Value }).ConfigureAwait(false);
            }

            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Drawing.Value }).ConfigureAwait(false);
            await page.WaitForFunctionAsync("() => document.documentElement.hasAttribute('data-charts-drawn')",
                null, new PageWaitForFunctionOptions { Timeout = (float)DrawTimeout.TotalMilliseconds }).ConfigureAwait(false);
            var charts = await page.EvaluateAsync<int[]>(
                "() => [document.querySelectorAll('[data-chart]').length, document.querySelectorAll('[data-chart] svg').length]").ConfigureAwait(false);
            if (charts[0] != charts[1])
            {
                throw new InvalidOperationException($"简报中有 {charts[0] - charts[1]} 个图表未能绘制 ({charts[1]} of {charts[0]} charts drawn)");
            }
        }

        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)").ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            // No structure tree: it doubles Chromium's print time and nothing here reads it (the text layer is there regardless).
            Tagged = false,
            Outline = false,
            DisplayHeaderFooter = true,
            HeaderTemplate = stamp.HeaderTemplate,
            FooterTemplate = stamp.FooterTemplate,
            Margin = new Margin { Top = "20mm", Bottom = "18mm", Left = "18mm", Right = "18mm" },
        }).ConfigureAwait(false);
    }

    /// <summary>Pages of a PDF as Chromium writes it (one <c>/Type /Page</c> object per page).</summary>
    public static int PageCount(byte[] pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var tab))
        {
            await tab.DisposeAsync().ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    private static string Read(string path) => File.Exists(path)
        ? File.ReadAllText(path)
        : throw new FileNotFoundException($"找不到图表脚本 {path}（Analytics.Charts 的构建输出应含 lib/echarts 与 lib/charts；请先运行 npm ci 再构建）", path);
}
