using System.CommandLine;
using Analytics.DuckDb;
using DuckDB.NET.Data;
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
internal static partial class EtlCommand
{
    public static Command Create()
    {
        var etl = new Command("etl", "季度数据装载 (quarterly loads)");
        etl.Subcommands.Add(CreateRun());
        etl.Subcommands.Add(CreateStatus());
        etl.Subcommands.Add(CreatePublishPostgres());
        return etl;
    }

    private static Command CreateStatus()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var limit = new Option<int>("--limit") { Description = "显示条数", DefaultValueFactory = _ => 50 };
        var command = new Command("status", "列出装载记录 (list load runs)") { db, limit };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var path = parseResult.GetValue(db)!;
            if (!File.Exists(path))
            {
                throw new CliInputException($"找不到仓库文件 {path}（etl status 不会新建仓库）(warehouse file not found)");
            }

            var progress = LoadProgressFile.Read(path);
            DuckDBConnection connection;
            try
            {
                connection = WarehouseDatabase.Open(path).Connect();
            }
            catch (DuckDBException ex) when (ex.LockConflictOf() is not null && progress is not null)
            {
                // A load holds DuckDB's lock for its whole batch: its progress file says what it is doing.
                PrintProgress(progress);
                if (progress.Alive)
                {
                    return Task.FromResult(0);
                }

                throw;
            }

            using var _ = connection;
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("运行", "数据源", "季度", "状态", "读取", "装载", "隔离", "耗时", "开始(UTC)");
            var runs = RunLog.Recent(connection, parseResult.GetValue(limit));
            foreach (var run in runs)
            {
                table.AddRow(run.RunId.ToString(), run.Feed, QuarterLabel(run.QuarterKey),
                    run.Status == "succeeded" ? "[green]成功[/]" : $"[red]{RunLog.StatusLabel(run)}[/]",
                    run.RowsRead.ToString("N0"), run.RowsLoaded.ToString("N0"), run.RowsQuarantined.ToString("N0"),
                    $"{run.DurationMs / 1000.0:F1}s", run.StartedAt.ToString("MM-dd HH:mm:ss"));
            }

            AnsiConsole.Write(table);
            if (progress is { Alive: false })
            {
                PrintProgress(progress);
            }

            // This command holds the file, so no load is running: a run still journalled as running was killed or crashed.
            foreach (var run in runs.Where(r => r.Status == RunLog.Running))
            {
                AnsiConsole.MarkupLine($"[red]运行 {run.RunId} 中断[/]：{run.Feed} {QuarterLabel(run.QuarterKey)} 的装载于 {run.StartedAt:yyyy-MM-dd HH:mm:ss} (UTC) 开始，未完成（进程被终止或崩溃），仓库中该 数据源·季度 保持开始前的状态");
            }

            foreach (var run in runs.Where(r => r.Status == "failed"))
            {
                AnsiConsole.MarkupLine($"[red]运行 {run.RunId} 失败[/]：{Markup.Escape(run.Message ?? "")}");
            }

            // Only the newest run's warnings: an older run may have seen a stray that was cleared since.
            foreach (var warning in runs.Where(r => r.Status == "succeeded").Take(1).SelectMany(r => RunLog.WarningsIn(r.Message)))
            {
                AnsiConsole.MarkupLine($"[yellow]警告[/] {Markup.Escape(warning)}");
            }

            PrintCompleteness(LoadCompleteness.Read(connection));

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
