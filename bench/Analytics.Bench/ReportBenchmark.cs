using System.Diagnostics;
using Analytics.Forecasting;
using Analytics.Metrics;
using Analytics.Reports.Browser;
using Analytics.Reports.Generation;
using Analytics.Sources;
using Analytics.Warehouse;

namespace Analytics.Bench;

/// <summary>
/// `bench report`: every briefing of one period of the demo data (4 district briefings, 38 town scorecards and 普陀's
/// 10 town contribution sheets), once
/// per concurrency level, with the total time and the time per document. The demo warehouse (2023Q1–2024Q4, so that
/// 同比 has a base) is generated and loaded once into the work folder and reused. <paramref name="generate"/> runs the
/// generator as the `report` command does, so that both report a period without data alike.
/// </summary>
public sealed class ReportBenchmark(string workDirectory, AssessmentPeriod period, IReadOnlyList<int> concurrencies, TextWriter output,
    Func<BriefingGenerator, BriefingRequest, CancellationToken, Task<BriefingRun>> generate)
{
    private static readonly Quarter From = new(2023, 1);
    private static readonly Quarter To = new(2024, 4);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var warehouse = EnsureWarehouse();
        await using var browser = new ChromiumBrowser();
        var launch = Stopwatch.StartNew();
        await (await browser.NewPageAsync(cancellationToken: cancellationToken)).DisposeAsync();
        output.WriteLine($"Chromium 启动 (browser start): {launch.Elapsed.TotalSeconds:F2} s（只启动一次，各轮共用）");
        foreach (var concurrency in concurrencies)
        {
            var folder = Path.Combine(workDirectory, $"briefings-c{concurrency}");
            var generator = new BriefingGenerator(warehouse, browser, new BriefingOptions { Folder = folder, Concurrency = concurrency });
            var run = await generate(generator, new BriefingRequest(period, Trigger: "bench"), cancellationToken);
            var pages = run.Documents.Sum(d => d.Entry.Pages);
            var perDocument = (run.Elapsed - run.ReadElapsed) / run.Documents.Count;
            output.WriteLine(
                $"并发 {concurrency} (concurrency): {run.Documents.Count} 份（{run.Composition}，共 {pages} 页）" +
                $" 合计 {run.Elapsed.TotalSeconds,6:F2} s（读取与评分 {run.ReadElapsed.TotalSeconds:F2} s）" +
                $"  每份 {perDocument.TotalMilliseconds,6:F0} ms（单份打印平均 {run.Documents.Average(d => d.Elapsed.TotalMilliseconds):F0} ms，" +
                $"最长 {run.Documents.Max(d => d.Elapsed.TotalMilliseconds):F0} ms）  目标 target < 60 s");
        }

        output.WriteLine($"浏览器启动次数 (launches): {browser.Launches}");
    }

    /// <summary>The demo warehouse with its learned outputs trained, as `./analytics report` has them before it generates.</summary>
    private WarehouseDatabase EnsureWarehouse()
    {
        var warehouse = BenchDemoWarehouse.Ensure(workDirectory, "bench_report", From, To, output);
        using var connection = warehouse.Connect();
        if (LearnedRefresh.RefreshIfStale(connection) is { } learned)
        {
            output.WriteLine($"模型预计与组合异常已计算 (learned outputs trained, not part of the timings): {learned.Elapsed.TotalSeconds:F1} s");
        }

        return warehouse;
    }
}
