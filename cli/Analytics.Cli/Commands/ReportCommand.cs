using System.CommandLine;
using System.Globalization;
using Analytics.Reports.Browser;
using Analytics.Reports.Content;
using Analytics.Reports.Generation;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics report`: the quarterly PDF briefings (简报) and town scorecards (成绩单) of a period, written to a folder.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var period = new Option<string>("--period") { Description = "季度 2024Q4 或年度 2024 (period)", Required = true };
        var district = new Option<string?>("--district") { Description = "只生成该区，如 松江区 或 310117 (one district)" };
        var town = new Option<string?>("--town") { Description = "只生成该街镇的成绩单，如 岳阳街道 (one town's scorecard)" };
        var output = new Option<string>("--out") { Description = "输出目录 (output folder)", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "同时打印的页面数 (pages printed at once)", DefaultValueFactory = _ => 2 };
        var command = new Command("report", "生成季度简报与街镇成绩单 PDF (quarterly PDF briefings and town scorecards)")
        {
            db, period, district, town, output, concurrency,
        };
        command.SetAction((parseResult, cancellationToken) => CliErrors.GuardAsync(async () =>
        {
            var p = MetricsCli.Period(parseResult.GetValue(period)!);
            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            var folder = Path.GetFullPath(parseResult.GetValue(output)!);
            await using var browser = new ChromiumBrowser();
            var generator = new BriefingGenerator(warehouse, browser, new BriefingOptions { Folder = folder, Concurrency = parseResult.GetValue(concurrency) });
            var run = await GenerateAsync(generator, new BriefingRequest(p, parseResult.GetValue(district), parseResult.GetValue(town)), cancellationToken);
            Write(run, folder);
            return 0;
        }));
        return command;
    }

    /// <summary>Runs the generator and turns "no data" and unknown names into the command line's bad-input message.</summary>
    public static async Task<BriefingRun> GenerateAsync(BriefingGenerator generator, BriefingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await generator.GenerateAsync(request, cancellationToken);
        }
        catch (BriefingNoDataException ex)
        {
            throw new CliInputException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException(ex.Message);
        }
    }

    private static void Write(BriefingRun run, string folder)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "类型", "文号", "区", "街镇", "页数", "大小", "用时", "文件" })
        {
            table.AddColumn(c);
        }

        foreach (var d in run.Documents)
        {
            var e = d.Entry;
            table.AddRow(new Text(BriefingKind.Label(e.Kind)), new Text(e.DocumentNumber), new Text(e.DistrictName), new Text(e.TownName ?? "—"),
                new Text(e.Pages.ToString(CultureInfo.InvariantCulture)), new Text($"{e.Bytes / 1024.0:N0} KB"),
                new Text($"{d.Elapsed.TotalSeconds:F2} s"), new Text(e.FilePath));
        }

        AnsiConsole.Write(table);
        var first = run.Documents[0].Entry;
        AnsiConsole.Write(new Text(
            $"{run.Period}：{run.Documents.Count} 份文件（{run.Composition}）写入 {folder}，用时 {run.Elapsed.TotalSeconds:F1} s（读取与评分 {run.ReadElapsed.TotalSeconds:F1} s）；" +
            $"数据版本 {first.DataVersion}，数据截至 {ChineseNumbers.Time(first.DataAsOf)}\n"));
    }
}
