using Analytics.DuckDb;
using DuckDB.NET.Data;
using System.CommandLine;
using Analytics.Bench;

namespace Analytics.Cli.Commands;

/// <summary>`analytics bench ...`: performance measurements that print their figures and ratios.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "性能基准 (benchmarks)");
        bench.Subcommands.Add(CreateLoad());
        bench.Subcommands.Add(CreateEtl());
        bench.Subcommands.Add(CreateScore());
        bench.Subcommands.Add(CreateWeb());
        bench.Subcommands.Add(CreateReport());
        return bench;
    }

    private static Command CreateWeb()
    {
        var dir = new Option<string>("--dir") { Description = "工作目录；已装载的演示仓库会复用 (work directory)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "analytics-bench", "web") };
        var seconds = new Option<int>("--seconds") { Description = "每个端点的负载时长（秒）", DefaultValueFactory = _ => 30 };
        var connections = new Option<int>("--connections") { Description = "并发连接数", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "wrk 线程数（与主机共用本机核心）", DefaultValueFactory = _ => 2 };
        var command = new Command("web", "启动主机，用 wrk 压测公开页面与开放数据 API，并测考核排名首次渲染 (web load benchmark)") { dir, seconds, connections, threads };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(async () =>
        {
            var (s, c, t) = (parseResult.GetValue(seconds), parseResult.GetValue(connections), parseResult.GetValue(threads));
            if (s <= 0 || c <= 0 || t <= 0 || t > c)
            {
                throw new CliInputException("--seconds、--connections、--threads 必须为正数，且线程数不大于连接数 (must be positive, threads ≤ connections)");
            }

            try
            {
                await new WebBenchmark(parseResult.GetValue(dir)!, s, c, t, Console.Out).RunAsync();
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"基准测试失败 (benchmark failed): {ex.Message}");
                return CliErrors.Failure;
            }
        }));
        return command;
    }

    private static Command CreateEtl()
    {
        var dir = new Option<string>("--dir") { Description = "工作目录；已生成的全市数据会复用 (work directory)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "analytics-bench") };
        var seed = new Option<long>("--seed") { Description = "随机种子", DefaultValueFactory = _ => Analytics.DemoData.DemoOptions.DefaultSeed };
        var paymentsOnly = new Option<bool>("--payments-only") { Description = "只测救助金发放文件 (a)(a')(b)，不装载全部数据源 (only the payment files; no every-feed run)" };
        var rounds = RoundsOption();
        var command = new Command("etl", "全市规模装载：全流程与 DuckDB read_csv 对比 (city-scale load vs read_csv)") { dir, seed, rounds, paymentsOnly };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            new EtlBenchmark(parseResult.GetValue(dir)!, parseResult.GetValue(seed), Console.Out).Run(ReadRounds(parseResult, rounds), parseResult.GetValue(paymentsOnly));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateScore()
    {
        var dir = new Option<string>("--dir") { Description = "bench etl 的工作目录 (work directory of bench etl)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "analytics-bench") };
        var demoOnly = new Option<bool>("--demo-only") { Description = "只测演示数据规模 (only the demo warehouse; no city-scale run)" };
        var command = new Command("score", "全市规模指标计算与评分，及与 SQLite 的指标查询对比 (city-scale indicators and scoring vs SQLite)") { dir, demoOnly };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            new ScoreBenchmark(parseResult.GetValue(dir)!, Console.Out).Run(parseResult.GetValue(demoOnly));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateReport()
    {
        var dir = new Option<string>("--dir") { Description = "工作目录；演示仓库会复用 (work directory)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "analytics-bench") };
        var period = new Option<string>("--period") { Description = "评分期 (period)", DefaultValueFactory = _ => "2024Q4" };
        var concurrency = new Option<string>("--concurrency") { Description = "逐一测量的并发数，如 1,2 (concurrency levels)", DefaultValueFactory = _ => "1,2" };
        var command = new Command("report", "生成一个评分期的全部简报与成绩单并计时 (time every briefing of one period)") { dir, period, concurrency };
        command.SetAction((parseResult, cancellationToken) => CliErrors.GuardAsync(async () =>
        {
            var levels = parseResult.GetValue(concurrency)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => int.TryParse(t, out var n) && n > 0 ? n : throw new CliInputException($"--concurrency 应为正整数列表，如 1,2：{t}"))
                .ToList();
            await new ReportBenchmark(parseResult.GetValue(dir)!, MetricsCli.Period(parseResult.GetValue(period)!), levels, Console.Out, ReportCommand.GenerateAsync).RunAsync(cancellationToken);
            return 0;
        }));
        return command;
    }

    private static Command CreateLoad()
    {
        var rows = new Option<long>("--rows") { Description = "行数 (rows)", DefaultValueFactory = _ => 10_000_000 };
        var dir = new Option<string>("--dir") { Description = "临时工作目录 (work directory)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "analytics-bench") };
        var rounds = RoundsOption();
        var command = new Command("load", "read_csv 与 ArrowAppender 装载速度对比，及 DuckDBDataReader 读取速度 (load and read throughput)") { rows, rounds, dir };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var count = parseResult.GetValue(rows);
            if (count <= 0)
            {
                throw new CliInputException("--rows 必须为正数 (must be positive)");
            }

            new LoadBenchmark(count, ReadRounds(parseResult, rounds), parseResult.GetValue(dir)!, Console.Out).Run();
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>The `--rounds` option of a comparing benchmark.</summary>
    private static Option<int> RoundsOption() => new("--rounds")
    {
        Description = "轮数：(a)(b) 交替计时，取比值中位数 (rounds of (a) and (b), alternating; the median ratio counts)",
        DefaultValueFactory = _ => 3,
    };

    /// <summary>The rounds asked for, refused outside 1–25.</summary>
    private static int ReadRounds(ParseResult parseResult, Option<int> option) =>
        parseResult.GetValue(option) is var rounds and >= 1 and <= 25
            ? rounds
            : throw new CliInputException("--rounds 必须在 1 到 25 之间 (must be 1 to 25)");
}
