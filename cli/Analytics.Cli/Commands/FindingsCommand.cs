using System.CommandLine;
using System.Globalization;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Warehouse;

namespace Analytics.Cli.Commands;

/// <summary>
/// `analytics findings add|correct|withdraw|close|reopen|list`: the bureau's 督查发现台账. Every change is kept in
/// finding_history (who, when, old, new, why); 长宁's per-case deductions, G1/G2 and the veto are scored from it.
/// </summary>
internal static class FindingsCommand
{
    private static readonly Option<string> Db = new("--db") { Description = "仓库文件 (warehouse file)", Required = true };
    private static readonly Option<string> RubricId = new("--rubric") { Description = "评分方案编号 (rubric id)", Required = true };
    private static readonly Option<string> Period = new("--period") { Description = "评分期：2023 或 2024Q3 (period the cases count in)", Required = true };
    private static readonly Option<string> Town = new("--town") { Description = "街镇名称 (town name)", Required = true };
    private static readonly Option<string> Item = new("--item") { Description = "评分项编号，如 E1.1、G2、V1 (item code)", Required = true };
    private static readonly Option<string?> Input = new("--input") { Description = "计入的输入项，评分项有多种发现时必填，如 findings.care_deaths" };
    private static readonly Option<string> Date = new("--date") { Description = "发现日期 yyyy-MM-dd (date found)", Required = true };
    private static readonly Option<string> FoundBy = new("--found-by") { Description = "发现途径：抽查/督查/审计/巡视/通报", Required = true };
    private static readonly Option<int> Cases = new("--cases") { Description = "例数 (number of cases)", Required = true };
    private static readonly Option<string> Description = new("--description") { Description = "问题描述", Required = true };
    private static readonly Option<string> Evidence = new("--evidence") { Description = "佐证材料（文号、检查记录编号）", Required = true };
    private static readonly Option<string> User = new("--by") { Description = "登记人 (who records the change)", Required = true };
    private static readonly Option<string> Reason = new("--reason") { Description = "理由 (why)", Required = true };
    private static readonly Option<long> Id = new("--id") { Description = "发现记录编号 (finding id)", Required = true };

    public static Command Create() => new("findings", "督查发现台账：登记、更正、撤销发现，检查结项，列出 (the bureau's findings register)")
    {
        Add(), Correct(), Withdraw(), Close(), Reopen(), List(),
    };

    private static Command Add()
    {
        var command = new Command("add", "登记一条发现 (record a finding)")
            { Db, RubricId, Period, Town, Item, Input, Date, FoundBy, Cases, Description, Evidence, User };
        command.SetAction((r, _) => Run(r, (store, rubric, period, town) =>
        {
            var f = store.Add(rubric, period, Entry(r, town), r.GetValue(User)!);
            return $"已登记发现 {f.Id}：{rubric.Id} {f.Period} {FindingsCsv.TownName(f.TownCode)} {f.ItemCode} {f.Cases} 例（{f.FoundBy}，{Day(f.FoundOn)}）";
        }));
        return command;
    }

    private static Command Correct()
    {
        var command = new Command("correct", "更正一条发现，保留原值 (correct a finding)")
            { Db, RubricId, Period, Town, Id, Item, Input, Date, FoundBy, Cases, Description, Evidence, User, Reason };
        command.SetAction((r, _) => Run(r, (store, rubric, _, town) =>
        {
            var f = store.Correct(rubric, r.GetValue(Id), Entry(r, town), r.GetValue(User)!, r.GetValue(Reason)!);
            return $"已更正发现 {f.Id}：{f.ItemCode} {f.Cases} 例，理由：{r.GetValue(Reason)}";
        }));
        return command;
    }

    private static Command Withdraw()
    {
        var command = new Command("withdraw", "撤销一条发现，保留记录与历史 (withdraw a finding)") { Db, RubricId, Id, User, Reason };
        command.SetAction((r, _) => CliErrors.GuardAsync(() =>
        {
            var rubric = MetricsCli.Rubric(r.GetValue(RubricId)!);
            using var connection = MetricsCli.OpenFresh(r.GetValue(Db)!).Connect();
            var f = Guard(() => new FindingStore(connection).Withdraw(rubric, r.GetValue(Id), r.GetValue(User)!, r.GetValue(Reason)!));
            Console.Out.WriteLine($"已撤销发现 {f.Id}（{FindingsCsv.TownName(f.TownCode)} {f.ItemCode} {f.Cases} 例），理由：{r.GetValue(Reason)}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Close()
    {
        var command = new Command("close", "评分项检查结项：已检查，此后未登记即“未发现问题” (close an item's inspection)")
            { Db, RubricId, Period, Town, Item, User, Reason };
        command.SetAction((r, _) => Run(r, (store, rubric, period, town) =>
        {
            var i = store.Close(rubric, period, town, r.GetValue(Item)!.Trim(), r.GetValue(User)!, r.GetValue(Reason)!);
            return $"已结项：{rubric.Id} {i.Period} {FindingsCsv.TownName(i.TownCode)} {i.ItemCode} 已检查";
        }));
        return command;
    }

    private static Command Reopen()
    {
        var command = new Command("reopen", "撤回结项，该项恢复待评 (reopen an item's inspection)") { Db, RubricId, Period, Town, Item, User, Reason };
        command.SetAction((r, _) => Run(r, (store, rubric, period, town) =>
        {
            var i = store.Reopen(rubric, period, town, r.GetValue(Item)!.Trim(), r.GetValue(User)!, r.GetValue(Reason)!);
            return $"已撤回结项：{rubric.Id} {i.Period} {FindingsCsv.TownName(i.TownCode)} {i.ItemCode}，恢复待评";
        }));
        return command;
    }

    private static Command List()
    {
        var period = new Option<string?>("--period") { Description = "只列此评分期 (only this period)" };
        var format = new Option<string>("--format") { Description = "table 或 csv", DefaultValueFactory = _ => "table" };
        var command = new Command("list", "列出发现（含已撤销）(list findings)") { Db, RubricId, period, format };
        command.SetAction((r, _) => CliErrors.GuardAsync(() =>
        {
            var rubric = MetricsCli.Rubric(r.GetValue(RubricId)!);
            using var connection = MetricsCli.OpenFresh(r.GetValue(Db)!).Connect();
            var findings = new FindingStore(connection).List(rubric.Id, r.GetValue(period));
            if (r.GetValue(format) == "csv")
            {
                Console.Out.WriteLine(string.Join(",", FindingsCsv.Header));
                foreach (var row in FindingsCsv.Rows(findings))
                {
                    Console.Out.WriteLine(string.Join(",", row.Select(MetricsCli.Csv)));
                }
            }
            else
            {
                foreach (var f in findings)
                {
                    var state = f.Withdrawn ? "【已撤销】" : "";
                    Console.Out.WriteLine($"{f.Id}\t{f.Period}\t{FindingsCsv.TownName(f.TownCode)}\t{f.ItemCode}\t{f.Cases} 例\t{f.FoundBy} {Day(f.FoundOn)}\t{f.Description}\t{f.Evidence}{state}");
                }

                Console.Out.WriteLine($"共 {findings.Count} 条，有效 {findings.Count(f => !f.Withdrawn)} 条");
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static FindingEntry Entry(ParseResult r, string town)
    {
        if (!DateOnly.TryParseExact(r.GetValue(Date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new CliInputException($"发现日期格式错误：{r.GetValue(Date)}（应为 yyyy-MM-dd）");
        }

        return new FindingEntry(town, r.GetValue(Item)!.Trim(), r.GetValue(Input)?.Trim(), date, r.GetValue(FoundBy)!.Trim(), r.GetValue(Cases),
            r.GetValue(Description)!, r.GetValue(Evidence)!);
    }

    private static Task<int> Run(ParseResult r, Func<FindingStore, Rubric, AssessmentPeriod, string, string> action) => CliErrors.GuardAsync(() =>
    {
        var rubric = MetricsCli.Rubric(r.GetValue(RubricId)!);
        var period = MetricsCli.Period(r.GetValue(Period)!);
        using var connection = MetricsCli.OpenFresh(r.GetValue(Db)!).Connect();
        var name = r.GetValue(Town)!.Trim();
        var towns = new RubricInputBuilder(connection).Units(rubric.District.Code, period).Where(u => !u.IsDistrict).ToList();
        var town = towns.FirstOrDefault(u => u.Name == name || u.Code == name)
                   ?? throw new CliInputException($"{rubric.District.Name}没有街镇 {name}；可选：{string.Join("、", towns.Select(u => u.Name))}");
        Console.Out.WriteLine(Guard(() => action(new FindingStore(connection), rubric, period, town.Code)));
        return Task.FromResult(0);
    });

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (RubricInputException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
