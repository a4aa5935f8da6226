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

/// <summary>`analytics etl run`: every selected feed-quarter, one atomic load each, stopping at a storage fault.</summary>
internal static partial class EtlCommand
{
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
            var share = parseResult.GetValue(maxShrink);
            if (share is < 0 or > 1)
            {
                throw new CliInputException($"--max-shrink 应在 0 到 1 之间（如 0.1 即 10%），而不是 {share}");
            }

            WarehouseLocation.RequireWritable(dbPath);
            var source = OpenSource(parseResult.GetValue(sources), parseResult.GetValue(postgres));
            var feeds = SelectFeeds(parseResult.GetValue(feed));
            var onlyQuarter = ParseQuarter(parseResult.GetValue(quarter));
            var keyFile = PseudonymKey.KeyFilePath(dbPath);
            var keyFileExisted = File.Exists(keyFile);
            var committed = false;
            try
            {
                var pseudonymKey = PseudonymKey.Resolve(parseResult.GetValue(key), dbPath, demoMode: true);
                var warehouse = WarehouseDatabase.Open(dbPath);
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

                var outcome = RunLoads(warehouse, loader, source, work, cancellationToken);
                committed = outcome.Results.Count > 0;
                PrintResults(outcome.Results, outcome.Failures);
                if (outcome.Skipped.Count > 0)
                {
                    AnsiConsole.MarkupLine($"[red]未处理[/]（{outcome.StoppedBy}，已停止）：{Markup.Escape(string.Join("、", outcome.Skipped))}");
                }

                return Task.FromResult(outcome.Failures.Count == 0 ? 0 : CliErrors.Failure);
            }
            finally
            {
                // A key made for a load that never committed belongs to no data: leave nothing behind.
                if (!committed && !keyFileExisted)
                {
                    File.Delete(keyFile);
                }
            }
        }));
        return command;
    }

    private sealed record RunOutcome(List<LoadResult> Results, List<string> Failures, List<string> Skipped)
    {
        /// <summary>Why the batch stopped early, for the list of skipped feed-quarters.</summary>
        public string? StoppedBy { get; set; }
    }

    private static RunOutcome RunLoads(WarehouseDatabase warehouse, SourceQuarterLoader loader, IExtractSource source,
        List<(FeedSpec Feed, Quarter Quarter)> work, CancellationToken cancellationToken)
    {
        var outcome = new RunOutcome([], [], []);
        using (warehouse.HoldOpen())
        using (var batch = LoadBatch.Begin(warehouse, loader, LoadHolder.CommandLine, work.Count))
        {
            AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask($"装载 {work.Count} 个 数据源·季度", maxValue: work.Count);
                    for (var i = 0; i < work.Count; i++)
                    {
                        var (feedSpec, q) = work[i];
                        cancellationToken.ThrowIfCancellationRequested();
                        task.Description = $"{feedSpec.Id} {q}";
                        try
                        {
                            outcome.Results.Add(batch.Load(source, feedSpec, q, "cli", cancellationToken));
                        }
                        catch (Exception ex) when (ex is WarehouseStorageException or SourceUnavailableException)
                        {
                            // The rest would fail the same way (or write into a damaged file): one failure, the rest listed.
                            outcome.Failures.Add(ex.Message);
                            outcome.Skipped.AddRange(work.Skip(i + 1).Select(w => $"{w.Feed.Id}/{w.Quarter}"));
                            outcome.StoppedBy = ex is WarehouseStorageException ? "仓库存储故障" : "源数据库不可用";
                            break;
                        }
                        catch (EtlException ex)
                        {
                            outcome.Failures.Add(ex.Message);
                        }

                        task.Increment(1);
                    }

                    task.Description = "完成 (done)";
                });

            if (outcome.Skipped.Count == 0 && outcome.Results.Count > 0)
            {
                FinalCheckpoint(warehouse, outcome.Failures);
            }
        }

        return outcome;
    }

    // Without it the loads sit in the write-ahead log; a checkpoint that fails (disk full) means they are not safely in
    // the file, which the operator must hear about.
    private static void FinalCheckpoint(WarehouseDatabase warehouse, List<string> failures)
    {
        try
        {
            warehouse.Checkpoint();
        }
        catch (DuckDBException ex)
        {
            failures.Add($"最后的检查点 (CHECKPOINT) 失败：已提交的装载仍只在预写日志 (.wal) 中，请检查磁盘空间后重新运行或执行 CHECKPOINT (final checkpoint failed: {ex.Message})。");
        }
    }
}
