using System.Text.RegularExpressions;
using Analytics.Reports.Browser;
using Microsoft.Playwright;

namespace Analytics.Dashboard.Tests.Browser;

/// <summary>
/// One browser page of a test, collecting what a user would not see but must not happen: console errors, uncaught
/// script errors, Content-Security-Policy violations, and failed or 4xx/5xx requests of the page's resources.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // The page's own listener for CSP violations: Chromium reports them as DOM events, not always as console messages.
    private const string CspListener = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', function (e) {
            window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
        });
        """;

    // Counts Blazor's enhancednavigationend events of the current document (see EnhancedNavigationsAsync).
    private const string NavigationCounter = """
        () => {
            if (!window.Blazor || typeof window.Blazor.addEventListener !== 'function') {
                return -1;
            }
            if (window.__enhancedNavigations === undefined) {
                window.__enhancedNavigations = 0;
                window.Blazor.addEventListener('enhancednavigationend', () => window.__enhancedNavigations++);
            }
            return window.__enhancedNavigations;
        }
        """;

    /// <summary>
    /// A script for <c>ILocator.EvaluateAsync</c> on a bar or heat-map chart's container: true when ECharts shows the
    /// categories and values of the options now in its <c>data-chart</c>, drawn once (one SVG).
    /// </summary>
    public const string DrawnFromCurrentOptions = """
        element => {
            const drawn = window.echarts.getInstanceByDom(element).getOption();
            const wanted = JSON.parse(element.getAttribute('data-chart'));
            const values = series => series.map(s => JSON.stringify(s.data));
            return JSON.stringify(drawn.yAxis[0].data) === JSON.stringify(wanted.yAxis.data)
                && JSON.stringify(values(drawn.series)) === JSON.stringify(values(wanted.series))
                && element.querySelectorAll('svg').length === 1;
        }
        """;

    private readonly BrowserPage _browserPage;
    private readonly List<string> _problems = [];
    private readonly List<string> _requests = [];
    private readonly List<string> _abortedNavigations = [];
    private readonly HashSet<string> _downloads = [];

    private BrowserSession(BrowserPage browserPage)
    {
        _browserPage = browserPage;
        var page = browserPage.Page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Add($"script error: {error}");
        page.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add(request.Url);
            }
        };
        page.RequestFailed += (_, request) =>
        {
            if (IsAbortedNavigation(request))
            {
                lock (_problems)
                {
                    _abortedNavigations.Add(request.Url);
                }
            }
            else if (!IsReadEnhancedNavigation(request))
            {
                Add($"request failed: {request.Url} {request.Failure}");
            }
        };
        page.Download += (_, download) =>
        {
            lock (_problems)
            {
                _downloads.Add(download.Url);
            }
        };
        page.Response += (_, response) =>
        {
            // A wrong password answers 302, never 4xx: every 4xx/5xx here is a broken page or resource.
            if (response.Status >= 400)
            {
                Add($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    public IPage Page => _browserPage.Page;

    public static async Task<BrowserSession> StartAsync(BrowserPage page)
    {
        await page.Page.AddInitScriptAsync(CspListener);
        return new BrowserSession(page);
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page and its scripts (charts) have loaded.</summary>
    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        return response;
    }

    /// <summary>Signs in through the login form, as a user does.</summary>
    public async Task SignInAsync(string username, string password)
    {
        await GotoAsync("/account/login");
        await Page.FillAsync("input[name=username]", username);
        await Page.FillAsync("input[name=password]", password);
        await ClickAndWaitForNewUrlAsync(Page.Locator("form[action='/account/signin'] button[type=submit]"));
    }

    /// <summary>
    /// Clicks something that navigates (a link, a form that redirects) and waits until the address has changed and, on
    /// a page with blazor.web.js, until the enhanced navigation has patched the page.
    /// </summary>
    public async Task ClickAndWaitForNewUrlAsync(ILocator target)
    {
        var before = Page.Url;
        var navigations = await EnhancedNavigationsAsync();
        await target.ClickAsync();
        await Page.WaitForURLAsync(url => url != before);
        await WaitForEnhancedNavigationAsync(navigations);
    }

    /// <summary>
    /// How many enhanced navigations (blazor.web.js patching the page in place) this document has finished, counted from
    /// the first call; -1 on a page without blazor.web.js. An enhanced link changes the address before its content arrives.
    /// </summary>
    public Task<int> EnhancedNavigationsAsync() => Page.EvaluateAsync<int>(NavigationCounter);

    /// <summary>Waits until an enhanced navigation after <paramref name="before"/> has finished, or a new document has loaded.</summary>
    public async Task WaitForEnhancedNavigationAsync(int before)
    {
        if (before >= 0)
        {
            await Page.WaitForFunctionAsync("before => window.__enhancedNavigations === undefined || window.__enhancedNavigations > before", before);
        }
    }

    /// <summary>Counts the websockets the page opens from now on (a Blazor circuit would open one).</summary>
    public Func<int> CountWebSockets()
    {
        var count = 0;
        Page.WebSocket += (_, _) => Interlocked.Increment(ref count);
        return () => Volatile.Read(ref count);
    }

    /// <summary>No websocket counted by <paramref name="sockets"/> and no request to Blazor's circuit hub (<c>/_blazor</c>).</summary>
    public void AssertNoCircuit(Func<int> sockets)
    {
        Assert.Equal(0, sockets());
        Assert.DoesNotContain(Requests, url => url.Contains("/_blazor", StringComparison.Ordinal));
    }

    /// <summary>
    /// <paramref name="path"/> as a client without blazor.web.js gets it (the session's cookies, no <c>text/html</c> in
    /// Accept): the finished page in one answer, never streamed.
    /// </summary>
    public async Task<string> FinishedPageAsync(string path)
    {
        var response = await Page.APIRequest.GetAsync(path, new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Accept"] = "*/*" } });
        Assert.Equal(200, response.Status);
        var html = await response.TextAsync();
        Assert.DoesNotContain("<blazor-ssr>", html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>
    /// The answer <paramref name="html"/> starts with the Chinese loading state <paramref name="loading"/> and carries the
    /// content as a streamed update after it.
    /// </summary>
    public static void AssertStreamedAfterLoadingState(string html, string loading)
    {
        var state = Regex.Match(html, $"<p class=\"loading\" role=\"status\"[^>]*>{Regex.Escape(loading)}</p>");
        Assert.True(state.Success, $"the first answer has no loading state “{loading}”");
        Assert.True(html.IndexOf("<blazor-ssr>", state.Index, StringComparison.Ordinal) > state.Index, "the content was not streamed after the loading state");
    }

    /// <summary>Saves a full-page screenshot as artifacts/test-results/screenshots/<paramref name="name"/>.png.</summary>
    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>Every chart container holds an SVG that ECharts has drawn paths into; returns how many charts there are.</summary>
    public async Task<int> AssertChartsDrawnAsync(string scope = "")
    {
        var charts = Page.Locator($"{scope} .chart".Trim());
        await Assertions.Expect(charts.First.Locator("svg path").First).ToBeAttachedAsync();
        var count = await charts.CountAsync();
        Assert.True(count > 0, "no chart on the page");
        for (var i = 0; i < count; i++)
        {
            Assert.True(await charts.Nth(i).Locator("svg path").CountAsync() > 0, $"chart {i + 1} of {count} has no drawn paths");
        }

        return count;
    }

    /// <summary>
    /// The page coordinates of a data point of the first series of the ECharts chart in <paramref name="chart"/>
    /// ([value, category] of a horizontal bar, [column, row] of a heat-map cell), as ECharts itself maps it.
    /// </summary>
    public async Task<(float X, float Y)> ChartPointAsync(ILocator chart, double x, double y)
    {
        var box = await chart.BoundingBoxAsync() ?? throw new InvalidOperationException("the chart is not visible");
        var point = await chart.EvaluateAsync<double[]>(
            "(element, p) => window.echarts.getInstanceByDom(element).convertToPixel({ seriesIndex: 0 }, p)", new[] { x, y });
        return ((float)(box.X + point[0]), (float)(box.Y + point[1]));
    }

    /// <summary>Clicks a data point of a chart (see <see cref="ChartPointAsync"/>) and waits until the address has changed.</summary>
    public async Task ClickChartAsync(ILocator chart, double x, double y)
    {
        await chart.ScrollIntoViewIfNeededAsync();
        var (px, py) = await ChartPointAsync(chart, x, y);
        var before = Page.Url;
        var navigations = await EnhancedNavigationsAsync();
        await Page.Mouse.ClickAsync(px, py);
        await Page.WaitForURLAsync(url => url != before);
        await WaitForEnhancedNavigationAsync(navigations);
    }

    /// <summary>The page is not wider than the screen: only tables may scroll, inside their own container.</summary>
    public async Task AssertNoHorizontalOverflowAsync()
    {
        var sizes = await Page.EvaluateAsync<int[]>("() => [window.innerWidth, document.documentElement.scrollWidth, document.body.scrollWidth]");
        var widest = Math.Max(sizes[1], sizes[2]);
        Assert.True(widest <= sizes[0], $"the page is {widest} px wide on a {sizes[0]} px screen");
    }

    /// <summary>Each of <paramref name="elements"/> lies within the screen's width, so nothing of it is off-screen sideways.</summary>
    public async Task AssertOnScreenAsync(ILocator elements)
    {
        var width = Page.ViewportSize?.Width ?? throw new InvalidOperationException("the page has no fixed viewport");
        var count = await elements.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var box = await elements.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"element {i} spans {box.X}–{box.X + box.Width} px on a {width} px screen");
        }
    }

    /// <summary>No console error, script error, CSP violation or failed request so far.</summary>
    public async Task AssertNoProblemsAsync()
    {
        var violations = await Page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        var problems = Problems.Concat(violations.Select(v => $"CSP violation: {v}")).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                // A navigation whose answer is a file ends as a download, which Chromium reports as an aborted request.
                return [.. _problems, .. _abortedNavigations.Where(url => !_downloads.Contains(url)).Select(url => $"request failed: {url} net::ERR_ABORTED")];
            }
        }
    }

    /// <summary>The address of every request the page has made so far (documents, scripts, fetches).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ValueTask DisposeAsync() => _browserPage.DisposeAsync();

    // blazor.web.js reads an enhanced navigation's answer as a stream (to apply streamed updates as they come), and
    // Chromium reports such a fetch as net::ERR_ABORTED once the stream is read to its end, although the whole answer
    // arrived: the tests check that its content is on the page instead. An enhanced post answered by a redirect is read
    // the same way; Chromium reports the followed request without the first one's headers, so the chain is asked.
    private static bool IsReadEnhancedNavigation(IRequest request) =>
        request.ResourceType == "fetch" && request.Failure == "net::ERR_ABORTED" && AsksForEnhancedNavigation(request);

    private static bool AsksForEnhancedNavigation(IRequest? request) =>
        request is not null && (request.Headers.TryGetValue("accept", out var accept) && accept.Contains("blazor-enhanced-nav=on", StringComparison.Ordinal)
            || AsksForEnhancedNavigation(request.RedirectedFrom));

    private static bool IsAbortedNavigation(IRequest request) => request.IsNavigationRequest && request.Failure == "net::ERR_ABORTED";

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
