using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics score`: every town of a rubric's district scored from the warehouse, ranked, with items and explanations.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var rubric = new Option<string>("--rubric") { Description = "评分方案编号，如 songjiang-2024 (rubric id)", Required = true };
        var period = new Option<string>("--period") { Description = "评分期：2024 或 2024Q3 (period)", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式 table|json|csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("score", "按区评分方案为各街镇评分并排名 (score and rank every town of the rubric's district)") { db, rubric, period, format };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var r = MetricsCli.Rubric(parseResult.GetValue(rubric)!);
            var p = MetricsCli.Period(parseResult.GetValue(period)!);
            if (p.Year != r.Year)
            {
                throw new CliInputException($"评分期 {p} 与评分方案 {r.Id} 的年度 {r.Year} 不一致");
            }

            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            var clock = Stopwatch.StartNew();
            var score = TownScorer.Score(warehouse, r, p);
            clock.Stop();
            switch (parseResult.GetValue(format))
            {
                case "json": WriteJson(score); break;
                case "csv": WriteCsv(score); break;
                default: WriteTable(score, clock.Elapsed); break;
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static IEnumerable<(int? Rank, TownResult Town)> Rows(DistrictScore s) =>
        s.Towns.Select(t => ((int?)t.Rank, t.Town)).Append((null, s.District));

    private static void WriteJson(DistrictScore s)
    {
        var doc = new
        {
            rubric = s.Rubric.Id, s.Rubric.Title, district = s.Rubric.District.Name, districtCode = s.Rubric.District.Code, period = s.Period.ToString(),
            towns = Rows(s).Select(x => new
            {
                rank = x.Rank, townCode = x.Town.TownCode, town = x.Town.TownName, level = x.Rank is null ? "district" : "town",
                x.Town.Result.Total, x.Town.Result.Maximum, grade = x.Town.Result.GradeLabel, x.Town.Result.BaseScore, x.Town.Result.Bonus,
                x.Town.Result.Deduction, x.Town.Result.Vetoed, x.Town.Result.VetoReason, x.Town.Result.PendingCount, x.Town.Result.MissingCount,
                sections = x.Town.Result.Sections.Select(c => new { c.Code, c.Name, c.Score, c.Maximum, c.Explanation }),
                items = x.Town.Result.Items.Select(i => new
                {
                    i.Code, i.Name, i.SectionCode, rule = i.RuleType, status = i.Status.Label(), i.Score, i.Maximum, i.Explanation, i.Inputs, i.Previous,
                }),
                missingInputs = s.MissingInputs.GetValueOrDefault(x.Town.TownCode),
            }),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(doc, MetricsCli.Json));
    }

    private static void WriteCsv(DistrictScore s)
    {
        Console.Out.WriteLine("rubric,period,rank,town_code,town,total,maximum,grade,item_code,item_name,status,score,item_maximum,explanation");
        foreach (var (rank, town) in Rows(s))
        {
            foreach (var i in town.Result.Items)
            {
                Console.Out.WriteLine(string.Join(',', s.Rubric.Id, s.Period, rank?.ToString(CultureInfo.InvariantCulture) ?? "", MetricsCli.Csv(town.TownCode),
                    MetricsCli.Csv(town.TownName), Fmt.Num(town.Result.Total), Fmt.Num(town.Result.Maximum), town.Result.GradeLabel, MetricsCli.Csv(i.Code),
                    MetricsCli.Csv(i.Name), i.Status.Label(), Fmt.Num(i.Score), Fmt.Num(i.Maximum), MetricsCli.Csv(i.Explanation)));
            }
        }
    }

    private static void WriteTable(DistrictScore s, TimeSpan elapsed)
    {
        var console = Console.IsOutputRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors })
            : AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        console.Write(new Text($"{s.Rubric.Title}（{s.Rubric.Id}）{s.Period} — {s.Rubric.District.Name} {s.Towns.Count} 个街镇\n"));
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "排名", "街镇", "总分", "满分", "等级", "加分", "扣分", "待评", "缺数据" })
        {
            table.AddColumn(c);
        }

        foreach (var (rank, town) in Rows(s))
        {
            var r = town.Result;
            table.AddRow(new Text(rank?.ToString(CultureInfo.InvariantCulture) ?? "—"), new Text(town.TownName), new Text(Fmt.Num(r.Total)),
                new Text(Fmt.Num(r.Maximum)), new Text(r.GradeLabel), new Text(Fmt.Num(r.Bonus)), new Text(Fmt.Num(r.Deduction)),
                new Text(r.PendingCount.ToString(CultureInfo.InvariantCulture)), new Text(r.MissingCount.ToString(CultureInfo.InvariantCulture)));
        }

        console.Write(table);
        foreach (var (rank, town) in Rows(s))
        {
            var items = new Table().Border(TableBorder.Simple).Title(new TableTitle($"{(rank is { } k ? $"第 {k} 名 " : "")}{town.TownName}：{Fmt.Num(town.Result.Total)} 分，{town.Result.GradeLabel}"));
            foreach (var c in new[] { "编号", "评分项", "状态", "得分", "满分", "说明" })
            {
                items.AddColumn(c);
            }

            foreach (var i in town.Result.Items.Where(i => i.Status != ItemStatus.NotAssessed))
            {
                items.AddRow(new Text(i.Code), new Text(i.Name), new Text(i.Status.Label()), new Text(Fmt.Num(i.Score)), new Text(Fmt.Num(i.Maximum)), new Text(i.Explanation));
            }

            console.Write(items);
        }

        console.Write(new Text($"评分用时 {elapsed.TotalMilliseconds:N0} ms；结果已写入 score_result / score_item\n"));
    }
}
