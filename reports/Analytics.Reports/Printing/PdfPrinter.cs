using System.Text;
using System.Text.RegularExpressions;
using Analytics.Charts;
using Analytics.Reports.Browser;
using Microsoft.Playwright;

namespace Analytics.Reports.Printing;

/// <summary>
/// Prints a self-contained HTML document to an A4 PDF with the shared <see cref="ChromiumBrowser"/>: the page gets
/// Apache ECharts and the dashboard's drawing script (read from disk once, inlined, so nothing is fetched), waits until
/// every chart has rendered and the fonts are loaded, then prints with the page stamp in header and footer.
/// </summary>
public sealed partial class PdfPrinter(ChromiumBrowser browser)
{
    private static readonly Lazy<string> ECharts = new(() => Read(ChartScripts.EChartsPath));
    private static readonly Lazy<string> Drawing = new(() => Read(ChartScripts.DrawingScriptPath));

    /// <summary>How long a page may take to draw its charts before the document fails.</summary>
    public TimeSpan DrawTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<byte[]> PrintAsync(string html, PageStamp stamp, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PrintOnceAsync(html, stamp, cancellationToken).ConfigureAwait(false);
            }
            catch (PlaywrightException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelling closes the page under Playwright's feet; report it as what it is.
                throw new OperationCanceledException(cancellationToken);
            }
            catch (PlaywrightException) when (attempt == 1)
            {
                // The browser crashed or was closed under this page: the next page starts it again; try once more.
            }
        }
    }

    private async Task<byte[]> PrintOnceAsync(string html, PageStamp stamp, CancellationToken cancellationToken)
    {
        await using var browserPage = await browser.NewPageAsync(new BrowserNewContextOptions
        {
            // About the A4 content width at 96 dpi; charts have fixed mm sizes, so this only avoids reflow.
            ViewportSize = new ViewportSize { Width = 720, Height = 1000 },
            Offline = true,
        }, cancellationToken).ConfigureAwait(false);
        var page = browserPage.Page;
        using var cancel = cancellationToken.Register(() => _ = browserPage.DisposeAsync().AsTask());
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).ConfigureAwait(false);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = ECharts.Value }).ConfigureAwait(false);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Drawing.Value }).ConfigureAwait(false);
        await page.WaitForFunctionAsync(
            "() => document.documentElement.hasAttribute('data-charts-drawn') && document.fonts.status === 'loaded'",
            null, new PageWaitForFunctionOptions { Timeout = (float)DrawTimeout.TotalMilliseconds }).ConfigureAwait(false);
        var charts = await page.EvaluateAsync<int[]>(
            "() => [document.querySelectorAll('[data-chart]').length, document.querySelectorAll('[data-chart] svg').length]").ConfigureAwait(false);
        if (charts[0] != charts[1])
        {
            throw new InvalidOperationException($"简报中有 {charts[0] - charts[1]} 个图表未能绘制 ({charts[1]} of {charts[0]} charts drawn)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = stamp.HeaderTemplate,
            FooterTemplate = stamp.FooterTemplate,
            Margin = new Margin { Top = "20mm", Bottom = "18mm", Left = "18mm", Right = "18mm" },
        }).ConfigureAwait(false);
    }

    /// <summary>Pages of a PDF as Chromium writes it (one <c>/Type /Page</c> object per page).</summary>
    public static int PageCount(byte[] pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    private static string Read(string path) => File.Exists(path)
        ? File.ReadAllText(path)
        : throw new FileNotFoundException($"找不到图表脚本 {path}（Analytics.Charts 的构建输出应含 lib/echarts 与 lib/charts；请先运行 npm ci 再构建）", path);
}
