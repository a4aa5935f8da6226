using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Analytics.Metrics;
using Analytics.Metrics.Improvement;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Improvement;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics improve`: a 街镇's 提分建议 — the items that lost points, what earns them back, the paths to the next grade and rank.</summary>
internal static class ImproveCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var rubric = new Option<string>("--rubric") { Description = "评分方案编号，如 changning-2023 (rubric id)", Required = true };
        var period = new Option<string>("--period") { Description = "评分期：2024 或 2024Q3 (period)", Required = true };
        var town = new Option<string>("--town") { Description = "街镇名称或编码，如 江苏路街道 (town)", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式 table|json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("improve", "街镇提分建议：失分项、提分所需数据与升等、升名次的最少改动 (improvement plan of a town)")
        {
            db, rubric, period, town, format,
        };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var (r, p) = MetricsCli.RubricPeriod(parseResult.GetValue(rubric)!, parseResult.GetValue(period)!);

            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            using var connection = warehouse.Connect();
            ImprovementPlan plan;
            try
            {
                plan = new TownImprovement(connection).Plan(r, p, parseResult.GetValue(town)!);
            }
            catch (ImprovementNotApplicableException ex)
            {
                throw new CliInputException(ex.Message);
            }

            if (parseResult.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(Json(plan), MetricsCli.Json));
            }
            else
            {
                WriteTable(plan);
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static object Json(ImprovementPlan p) => new
    {
        rubric = p.RubricId, p.Period, p.TownCode, town = p.TownName, state = p.Result.State.Code(), headline = p.Result.Headline,
        total = p.Result.IsAssessed ? p.Result.Total : (decimal?)null, p.Rank, p.TownCount, p.GradeOnPoints, p.Note,
        items = p.Items.Select(i => new
        {
            i.ItemCode, i.ItemName, i.SectionCode, rule = i.RuleType, status = i.Status.Label(), i.Score, i.Maximum, i.Lost, i.Explanation, i.Advice,
            i.OpenLowest, i.OpenHighest, cases = i.Cases ?? [],
            levers = i.Levers.Select(Lever),
        }),
        paths = p.Paths.Select(x => new
        {
            x.Goal, x.GoalText, x.Reached, x.TotalBefore, x.TotalAfter, x.GradeAfter, x.RankAfter, x.Note, levers = x.Levers.Select(Lever),
        }),
    };

    private static object Lever(Lever l) => new
    {
        l.ItemCode, l.Reach, l.Text, l.ItemGain, l.TotalGain,
        changes = l.Changes.Select(c => new { c.Input, c.Label, c.From, c.To }),
    };

    private static void WriteTable(ImprovementPlan p)
    {
        var console = MetricsCli.TableConsole();

        var rank = p.Rank is { } k ? $"，第 {k} 名（共 {p.TownCount} 个街镇）" : "";
        console.Write(new Text($"{p.TownName} {p.RubricId} {p.Period} 提分建议：{p.Result.Headline}{rank}\n{p.Note}\n"));
        var items = new Table().Border(TableBorder.Simple).Title(new TableTitle(p.Result.IsAssessed
            ? $"失分项 {p.Items.Count} 项；总分距本期满分 {Fmt.Num(p.BelowMaximum)} 分"
            : $"失分项 {p.Items.Count} 项（按累计数据预估）"));
        foreach (var c in new[] { "编号", "评分项", "状态", "得分", "满分", "失分", "如何提分" })
        {
            items.AddColumn(c);
        }

        foreach (var i in p.Items)
        {
            var advice = i.Cases is { Count: > 0 } cases ? i.Advice + "\n在案发现：" + string.Join("\n", cases) : i.Advice;
            items.AddRow(new Text(i.ItemCode), new Text(i.ItemName), new Text(i.Status.Label()), new Text(Fmt.Num(i.Score)),
                new Text(Fmt.Num(i.Maximum)), new Text(Fmt.Num(i.Lost)), new Text(advice));
        }

        console.Write(items);
        foreach (var path in p.Paths)
        {
            var title = $"{(path.Goal == "next_grade" ? "升一个等级" : "升名次")}：{path.GoalText}";
            console.Write(new Text($"\n{title} — {path.Note}\n"));
            foreach (var l in path.Levers)
            {
                console.Write(new Text($"  · {l.ItemCode} {l.Text}（该项 +{Fmt.Num(l.ItemGain)} 分）\n"));
            }

            if (path.Reached)
            {
                var after = path.RankAfter is { } r ? $"第 {r.ToString(CultureInfo.InvariantCulture)} 名" : path.GradeAfter;
                console.Write(new Text($"  结果：总分 {Fmt.Num(path.TotalAfter)}，{after}\n"));
            }
        }
    }
}
