using System.CommandLine;
using Analytics.Etl;
using Analytics.Etl.Extraction;
using Analytics.Etl.Loading;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics etl run|status`: the quarterly loads from the command line.</summary>
internal static class EtlCommand
{
    public static Command Create()
    {
        var etl = new Command("etl", "季度数据装载 (quarterly loads)");
        etl.Subcommands.Add(CreateRun());
        etl.Subcommands.Add(CreateStatus());
        etl.Subcommands.Add(CreatePublishPostgres());
        return etl;
    }

    private static Command CreateRun()
    {
        var sources = new Option<string?>("--sources") { Description = "报送目录 (drop folder)；与 --postgres 二选一" };
        var postgres = PostgresOption("PostgreSQL 源数据库（与 --sources 二选一）");
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var feed = new Option<string?>("--source") { Description = "只装载该数据源 (only this feed): " + string.Join("|", SourceCatalog.Feeds.Select(f => f.Id)) };
        var quarter = new Option<string?>("--quarter") { Description = "只装载该季度，如 2024Q3 (only this quarter)" };
        var key = new Option<string?>("--pseudonym-key") { Description = $"假名化密钥 (hex/base64)；默认取 {PseudonymKey.EnvironmentVariable}，否则演示密钥文件" };
        var onlyNew = new Option<bool>("--only-new") { Description = "跳过已成功装载的 数据源·季度 (skip feed/quarters already loaded)" };
        var allowShrink = new Option<bool>("--allow-shrink") { Description = "没有清单 manifest.json 时，允许重装把已装载的 数据源·季度 减少超过 --max-shrink 或清空（记入运行记录）" };
        var maxShrink = new Option<double>("--max-shrink")
        {
            Description = "没有清单时重装允许减少的比例 (share a reload without a manifest may shrink a loaded quarter)",
            DefaultValueFactory = _ => ShrinkGuard.DefaultMaxShare,
        };
        var command = new Command("run", "从报送目录或 PostgreSQL 源数据库装载到仓库 (load a drop folder or a PostgreSQL source into the warehouse)")
        {
            sources, postgres, db, feed, quarter, key, onlyNew, allowShrink, maxShrink,
        };
        command.SetAction((parseResult, cancellationToken) => CliErrors.GuardAsync(() =>
        {
            var dbPath = parseResult.GetValue(db)!;
            var source = OpenSource(parseResult.GetValue(sources), parseResult.GetValue(postgres));
            var feeds = SelectFeeds(parseResult.GetValue(feed));
            var onlyQuarter = ParseQuarter(parseResult.GetValue(quarter));
            var pseudonymKey = PseudonymKey.Resolve(parseResult.GetValue(key), dbPath, demoMode: true);
            var warehouse = WarehouseDatabase.Open(dbPath);
            var share = parseResult.GetValue(maxShrink);
            if (share is < 0 or > 1)
            {
                throw new CliInputException($"--max-shrink 应在 0 到 1 之间（如 0.1 即 10%），而不是 {share}");
            }

            var loader = new SourceQuarterLoader(warehouse, pseudonymKey) { ShrinkGuard = new ShrinkGuard(share, parseResult.GetValue(allowShrink)) };
            var work = feeds.SelectMany(f => (onlyQuarter is { } q ? [q] : source.QuartersOf(f)).Select(q => (Feed: f, Quarter: q))).ToList();
            if (parseResult.GetValue(onlyNew))
            {
                using var connection = warehouse.Connect();
                var loaded = RunLog.Loaded(connection);
                work = work.Where(w => !loaded.Contains((w.Feed.Id, SourceQuarterLoader.QuarterKey(w.Quarter)))).ToList();
                if (work.Count == 0)
                {
                    AnsiConsole.MarkupLine("仓库已是最新：没有需要装载的 数据源·季度 (everything is loaded)");
                    return Task.FromResult(0);
                }
            }
            if (work.Count == 0)
            {
                throw new CliInputException($"{source.Origin} 中没有可装载的数据 (nothing to load)");
            }

            var results = new List<LoadResult>();
            var failures = new List<string>();
            using var open = warehouse.HoldOpen();
            AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask($"装载 {work.Count} 个 数据源·季度", maxValue: work.Count);
                    foreach (var (feedSpec, q) in work)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        task.Description = $"{feedSpec.Id} {q}";
                        try
                        {
                            results.Add(loader.Load(source, feedSpec, q, "cli", cancellationToken: cancellationToken));
                        }
                        catch (EtlException ex)
                        {
                            failures.Add(ex.Message);
                        }

                        task.Increment(1);
                    }

                    task.Description = "完成 (done)";
                });

            PrintResults(results, failures);
            return Task.FromResult(failures.Count == 0 ? 0 : CliErrors.Failure);
        }));
        return command;
    }

    private static Command CreateStatus()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var limit = new Option<int>("--limit") { Description = "显示条数", DefaultValueFactory = _ => 50 };
        var command = new Command("status", "列出装载记录 (list load runs)") { db, limit };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var warehouse = WarehouseDatabase.Open(parseResult.GetValue(db)!);
            using var connection = warehouse.Connect();
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("运行", "数据源", "季度", "状态", "读取", "装载", "隔离", "耗时", "开始(UTC)");
            var runs = RunLog.Recent(connection, parseResult.GetValue(limit));
            foreach (var run in runs)
            {
                table.AddRow(run.RunId.ToString(), run.Feed, QuarterLabel(run.QuarterKey),
                    run.Status == "succeeded" ? "[green]成功[/]" : "[red]失败[/]",
                    run.RowsRead.ToString("N0"), run.RowsLoaded.ToString("N0"), run.RowsQuarantined.ToString("N0"),
                    $"{run.DurationMs / 1000.0:F1}s", run.StartedAt.ToString("MM-dd HH:mm:ss"));
            }

            AnsiConsole.Write(table);
            foreach (var run in runs.Where(r => r.Status != "succeeded"))
            {
                AnsiConsole.MarkupLine($"[red]运行 {run.RunId} 失败[/]：{Markup.Escape(run.Message ?? "")}");
            }

            // Only the newest run's warnings: an older run may have seen a stray that was cleared since.
            foreach (var warning in runs.Where(r => r.Status == "succeeded").Take(1).SelectMany(r => RunLog.WarningsIn(r.Message)))
            {
                AnsiConsole.MarkupLine($"[yellow]警告[/] {Markup.Escape(warning)}");
            }

            foreach (var quarter in LedgerCompleteness.Missing(connection).GroupBy(m => m.QuarterKey))
            {
                AnsiConsole.MarkupLine($"[yellow]缺台账[/] {QuarterLabel(quarter.Key)}：{Markup.Escape(string.Join("、", quarter.Select(m => m.DistrictName + m.TownName)))}");
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreatePublishPostgres()
    {
        var sources = new Option<string>("--sources") { Description = "报送目录 (drop folder)", Required = true };
        var postgres = PostgresOption("PostgreSQL 源数据库");
        postgres.Required = true;
        var command = new Command("publish-postgres", "把报送目录写入 PostgreSQL 源数据库的 extract 表（演示用）(copy a drop folder into a PostgreSQL source database)") { sources, postgres };
        command.SetAction((parseResult, cancellationToken) => CliErrors.GuardAsync(() =>
        {
            var writer = new PostgresExtractWriter(parseResult.GetValue(postgres)!);
            var result = writer.Publish(parseResult.GetValue(sources)!, new Progress<string>(line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]")), cancellationToken);
            AnsiConsole.MarkupLine($"已写入 {Markup.Escape(result.Origin)}：{result.Tables.Count} 个 表·季度，{result.Rows:N0} 行，耗时 {result.Duration.TotalSeconds:F1}s");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Option<string?> PostgresOption(string description) => new("--postgres")
    {
        Description = description + " \"Host=…;Port=5432;Username=…;Password=…;Database=…\"（密码也可用环境变量 PGPASSWORD 提供）",
    };

    private static IExtractSource OpenSource(string? sources, string? postgres) => (sources, postgres) switch
    {
        ({ } folder, null) => new FileDropSource(folder),
        (null, { } connectionString) => new PostgresSource(connectionString),
        _ => throw new CliInputException("请指定 --sources（报送目录）或 --postgres（PostgreSQL 源数据库）二者之一 (exactly one of --sources / --postgres)"),
    };

    private static void PrintResults(List<LoadResult> results, List<string> failures)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("运行", "数据源", "季度", "读取", "装载", "隔离", "耗时");
        foreach (var r in results)
        {
            table.AddRow(r.RunId.ToString(), r.Feed, r.Quarter.ToString(), r.RowsRead.ToString("N0"), r.RowsLoaded.ToString("N0"),
                r.RowsQuarantined > 0 ? $"[yellow]{r.RowsQuarantined:N0}[/]" : "0", $"{r.Duration.TotalSeconds:F1}s");
        }

        AnsiConsole.Write(table);
        var read = results.Sum(r => r.RowsRead);
        AnsiConsole.MarkupLine($"合计：读取 {read:N0} 行，装载 {results.Sum(r => r.RowsLoaded):N0} 行，隔离 {results.Sum(r => r.RowsQuarantined):N0} 行；失败 {failures.Count} 个");
        foreach (var failure in failures)
        {
            AnsiConsole.MarkupLine($"[red]失败[/] {Markup.Escape(failure)}");
        }

        foreach (var warning in results.SelectMany(r => r.Warnings).Distinct())
        {
            AnsiConsole.MarkupLine($"[yellow]警告[/] {Markup.Escape(warning)}");
        }
    }

    private static IReadOnlyList<FeedSpec> SelectFeeds(string? feed)
    {
        if (feed is null)
        {
            return SourceCatalog.Feeds;
        }

        var match = SourceCatalog.Feeds.FirstOrDefault(f => f.Id == feed)
            ?? throw new CliInputException($"未知数据源 {feed}；可选 {string.Join("|", SourceCatalog.Feeds.Select(f => f.Id))}");
        return [match];
    }

    private static Quarter? ParseQuarter(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Quarter.TryParse(text, null, out var quarter) ? quarter : throw new CliInputException($"季度格式错误：{text}（应为 2024Q3）");
    }

    private static string QuarterLabel(int key) => $"{key / 10}Q{key % 10}";
}
