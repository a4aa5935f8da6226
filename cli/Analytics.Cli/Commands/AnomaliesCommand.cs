using DuckDB.NET.Data;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Analytics.Forecasting.Anomalies;
using Analytics.Metrics.Warehouse.Anomalies;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics anomalies`: anomaly flags per town/district and quarter; `anomalies evaluate` scores them against ground_truth.json.</summary>
internal static class AnomaliesCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)" };
        var period = new Option<string>("--period") { Description = "季度 2024Q3 或年度 2024 (period)" };
        var format = new Option<string>("--format") { Description = "输出格式 table|json|csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var all = new Option<bool>("--all") { Description = "同时列出同类偏离等低级别提示 (include low-severity flags)" };
        var command = new Command("anomalies", "异常标记：同类偏离、同比环比骤变、数据质量、年度目标风险 (anomaly flags)") { db, period, format, all };
        command.Subcommands.Add(CreateEvaluate());
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var path = parseResult.GetValue(db) ?? throw new CliInputException("缺少 --db (warehouse file required)");
            var p = parseResult.GetValue(period) ?? throw new CliInputException("缺少 --period，如 2024Q3 或 2024");
            MetricsCli.Period(p);
            var warehouse = MetricsCli.OpenFresh(path);
            using var connection = warehouse.Connect();
            var flags = AnomalyDetection.InPeriod(AnomalyDetection.Run(connection), p)
                .Where(f => parseResult.GetValue(all) || f.Severity != Severity.Low).ToList();
            Write(flags, parseResult.GetValue(format)!);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateEvaluate()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var truth = new Option<string>("--truth") { Description = "演示数据的 ground_truth.json；默认取仓库最近一次装载的报送目录下的该文件" };
        var command = new Command("evaluate",
            "按演示数据注入的异常计算查准率与查全率：规则、RandomizedPca 组合检测及两者合并 (precision and recall against ground_truth.json)") { db, truth };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            using var connection = warehouse.Connect();
            var o = Console.Out;
            var truthPath = parseResult.GetValue(truth) ?? DefaultTruth(connection);
            if (!File.Exists(truthPath))
            {
                throw new CliInputException($"找不到 {truthPath}");
            }

            o.WriteLine($"标准答案 ground truth：{Path.GetFullPath(truthPath)}{(parseResult.GetValue(truth) is null ? "（仓库最近一次装载的报送目录）" : "")}");
            var flags = AnomalyDetection.Run(connection);
            var truthRows = AnomalyEvaluation.ReadTruth(truthPath);
            // The rules are judged on the kinds they are built for; the harder combinations are judged in the comparison below.
            var e = AnomalyEvaluation.Evaluate(flags, truthRows.Where(t => AnomalyKinds.Evaluated.Contains(t.Kind)).ToList());
            o.WriteLine("规则（六类单指标注入异常）rules on the kinds they are built for:");
            o.WriteLine($"查准率 precision = {e.Precision.ToString("0.000", CultureInfo.InvariantCulture)}；查全率 recall = {e.Recall.ToString("0.000", CultureInfo.InvariantCulture)}");
            o.WriteLine($"命中 matched ({e.Matched.Count}):");
            foreach (var (t, f) in e.Matched)
            {
                o.WriteLine($"  {t.Id} {t.Kind} {t.District}{t.Town} {t.Quarter} ← [{Severity.Label(f.Severity)}] {f.Message}");
            }

            o.WriteLine($"漏报 missed ({e.Missed.Count}):");
            foreach (var t in e.Missed)
            {
                o.WriteLine($"  {t.Id} {t.Kind} {t.District}{t.Town} {t.Quarter}：{t.Description}");
            }

            o.WriteLine($"误报 false flags ({e.FalseFlags.Count}):");
            foreach (var f in e.FalseFlags)
            {
                o.WriteLine($"  {f.Kind} {f.Period} [{Severity.Label(f.Severity)}] {f.Message}");
            }

            o.WriteLine($"未参与本项评估的提示（同类偏离、年度目标风险；组合异常见下方比较）{e.NotEvaluated} 条");
            WriteComparison(connection, flags, truthRows);
            return Task.FromResult(e.Precision >= 0.8 && e.Recall >= 0.8 ? 0 : CliErrors.Failure);
        }));
        return command;
    }

    /// <summary>The generator's ground_truth.json in the drop folder the warehouse was last loaded from.</summary>
    private static string DefaultTruth(DuckDBConnection connection)
    {
        var drop = Analytics.Warehouse.WarehouseSql.Scalar<string>(connection,
            "SELECT origin FROM etl_run WHERE transport = 'files' AND status = 'succeeded' ORDER BY run_id DESC LIMIT 1")
            ?? throw new CliInputException("仓库没有从报送目录装载的记录，无法找到 ground_truth.json；请用 --truth 指定");
        var path = Path.Combine(drop, Analytics.Sources.DropLayout.GroundTruthFileName);
        return File.Exists(path)
            ? path
            : throw new CliInputException($"最近一次装载的报送目录 {drop} 下没有 {Analytics.Sources.DropLayout.GroundTruthFileName}（不是演示数据或已移走）；请用 --truth 指定");
    }

    /// <summary>The rules against the RandomizedPca detector and both together, on the same truth.</summary>
    private static void WriteComparison(DuckDBConnection connection, IReadOnlyList<AnomalyFlag> flags, IReadOnlyList<InjectedAnomaly> truth)
    {
        var combination = new IndicatorCombinationDetector().Detect(new AnomalyContext(connection)).ToList();
        DetectorComparisonReport.Write(Console.Out, DetectorComparison.Compare(flags, combination, truth), combination);
    }

    private static void Write(IReadOnlyList<AnomalyFlag> flags, string format)
    {
        switch (format)
        {
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(flags, MetricsCli.Json));
                break;
            case "csv":
                Console.Out.WriteLine("kind,severity,level,district_code,district,town,period,indicator,observed,expected,score,message");
                foreach (var f in flags)
                {
                    Console.Out.WriteLine(string.Join(',', f.Kind, f.Severity, f.Level, f.DistrictCode, MetricsCli.Csv(f.DistrictName), MetricsCli.Csv(f.TownName),
                        f.Period, f.IndicatorCode, f.Observed?.ToString(CultureInfo.InvariantCulture), f.Expected?.ToString(CultureInfo.InvariantCulture),
                        f.Score.ToString("0.###", CultureInfo.InvariantCulture), MetricsCli.Csv(f.Message)));
                }

                break;
            default:
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var c in new[] { "级别", "类型", "区", "街镇", "期", "说明" })
                {
                    table.AddColumn(c);
                }

                foreach (var f in flags.OrderBy(f => f.Severity == Severity.High ? 0 : f.Severity == Severity.Medium ? 1 : 2))
                {
                    table.AddRow(new Text(Severity.Label(f.Severity)), new Text(AnomalyKinds.Label(f.Kind)), new Text(f.DistrictName), new Text(f.TownName ?? "全区"),
                        new Text(f.Period), new Text(f.Message));
                }

                AnsiConsole.Write(table);
                AnsiConsole.Write(new Text($"{flags.Count} 条异常标记\n"));
                break;
        }
    }
}
