using System.CommandLine;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Cli.Commands;

/// <summary>`analytics judge`: records an evaluator's 视情给分 score with reason; every change is kept in judgement_history.</summary>
internal static class JudgeCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var rubric = new Option<string>("--rubric") { Description = "评分方案编号 (rubric id)", Required = true };
        var period = new Option<string>("--period") { Description = "评分期：2024 或 2024Q3 (period)", Required = true };
        var town = new Option<string>("--town") { Description = "街镇名称；全区目标填区名 (town name)", Required = true };
        var item = new Option<string>("--item") { Description = "评分项编号，如 S1.1 (item code)", Required = true };
        var score = new Option<decimal>("--score", "--value")
        {
            Description = "评估分；全区目标的区局录入值用 --value，是/否填 1/0 (score, or a district target's entered value)", Required = true,
        };
        var evaluator = new Option<string>("--evaluator") { Description = "评估人 (evaluator)", Required = true };
        var reason = new Option<string>("--reason") { Description = "理由 (reason)", Required = true };
        var command = new Command("judge", "录入视情给分项的评估分或全区目标的区局录入值、录入人与理由，保留修改历史 (record a judgement score or a bureau entry)")
        {
            db, rubric, period, town, item, score, evaluator, reason,
        };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var r = MetricsCli.Rubric(parseResult.GetValue(rubric)!);
            var p = MetricsCli.Period(parseResult.GetValue(period)!);
            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            using var connection = warehouse.Connect();
            var name = parseResult.GetValue(town)!.Trim();
            var units = new RubricInputBuilder(connection).Units(r.District.Code, p);
            var unit = units.FirstOrDefault(u => u.Name == name || u.Code == name || (u.IsDistrict && (name == r.District.Name || name == r.District.Code)))
                ?? units.FirstOrDefault(u => !u.IsDistrict && u.Name.StartsWith(name, StringComparison.Ordinal))
                ?? throw new CliInputException($"{r.District.Name}没有街镇 {name}；可选：{string.Join("、", units.Select(u => u.Name))}");
            JudgementChange change;
            try
            {
                change = new JudgementStore(connection).Record(r, p, unit.Code, parseResult.GetValue(item)!.Trim(), parseResult.GetValue(score),
                    parseResult.GetValue(evaluator)!, parseResult.GetValue(reason)!);
            }
            catch (RubricInputException e)
            {
                throw new CliInputException(e.Message);
            }

            if (r.FindItem(change.ItemCode)?.Rule is EntryRule entry)
            {
                var before = change.OldScore is { } previous ? $"（原为 {entry.ValueText(previous)}）" : "（首次录入）";
                Console.Out.WriteLine($"已录入：{r.Id} {p} {unit.Name} {change.ItemCode} = {entry.ValueText(change.NewScore)}{before}，录入人 {change.Evaluator}，理由：{change.Reason}");
                return Task.FromResult(0);
            }

            var was = change.OldScore is { } old ? $"（原为 {Fmt.Num(old)} 分）" : "（首次录入）";
            Console.Out.WriteLine($"已记录：{r.Id} {p} {unit.Name} {change.ItemCode} = {Fmt.Num(change.NewScore)} 分{was}，评估人 {change.Evaluator}，理由：{change.Reason}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
