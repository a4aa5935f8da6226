using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Analytics.Dashboard.Configuration;
using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Statistics;
using Analytics.Sources;
using Analytics.Warehouse;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>
/// `analytics disclosure audit`: attacks everything the public pages and the open-data API publish from a warehouse
/// (through the same <see cref="PublicStatistics"/> the host serves them with) and reports, per indicator and quarter,
/// the narrowest interval left of a hidden cell and how many were recovered exactly. Exit 1 when any cell is recovered
/// or narrower than its protection (docs/disclosure-control.md).
/// </summary>
internal static class DisclosureCommand
{
    public static Command Create()
    {
        var command = new Command("disclosure", "公开数据的小数保护 (disclosure control of the published figures)");
        command.Subcommands.Add(CreateAudit());
        return command;
    }

    private static Command CreateAudit()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var period = new Option<string>("--period") { Description = "只报告某季度 2025Q3 或某年 2025 (report one quarter or year)" };
        var command = new Command("audit", "以线性规划推算公开页面与开放数据接口发布的全部数字，检查每个隐藏数的保护区间 (attack the published set)") { db, period };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var path = parseResult.GetValue(db)!;
            if (!File.Exists(path))
            {
                throw new CliInputException($"找不到仓库文件 {path} (warehouse file not found)");
            }

            var filter = Filter(parseResult.GetValue(period));
            var stopwatch = Stopwatch.StartNew();
            var policy = new SuppressionPolicy(new AnalyticsOptions().SuppressionThreshold);
            var figures = new WarehouseFigures(WarehouseDatabase.Open(path));
            var lines = new PublishedSetAudit(new PublicStatistics(figures, policy), new PublicRates(figures), policy).Run(filter);
            if (lines.Count == 0)
            {
                throw new CliInputException("该期间没有已装载的数据 (no data loaded for the period)");
            }

            Write(lines, policy);
            var recovered = lines.Sum(l => l.Recovered);
            var unprotected = lines.Sum(l => l.Unprotected);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"共 {lines.Count} 个指标季度，隐藏数 {lines.Sum(l => l.Cells.Count)} 个；被精确推算 {recovered} 个；区间窄于保护要求 {unprotected} 个；用时 {stopwatch.Elapsed.TotalSeconds:0.0} 秒"));
            return Task.FromResult(recovered == 0 && unprotected == 0 ? 0 : CliErrors.Failure);
        }));
        return command;
    }

    private static Func<Quarter, bool>? Filter(string? period)
    {
        if (period is null)
        {
            return null;
        }

        if (Quarter.TryParse(period, out var quarter))
        {
            return q => q == quarter;
        }

        if (period.Length == 4 && int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return q => q.Year == year;
        }

        throw new CliInputException($"无法识别的期间“{period}”，应写作 2025Q3 或 2025");
    }

    private static void Write(IReadOnlyList<AuditLine> lines, SuppressionPolicy policy)
    {
        var table = new Table().AddColumns("指标", "季度", $"{policy.BelowThresholdMark} 个数", $"最窄区间（应含 1–{policy.Threshold - 1}）", $"{SuppressionPolicy.ComplementaryMark} 个数",
            $"最窄区间（宽度应 ≥ {policy.ComplementaryWidth}）", "精确推算", "窄于保护");
        foreach (var line in lines)
        {
            table.AddRow(
                Markup.Escape(line.Indicator.Name),
                line.Quarter.ToString(),
                Count(line, CellState.BelowThreshold),
                Markup.Escape(Describe(line.Narrowest(CellState.BelowThreshold))),
                Count(line, CellState.Complementary),
                Markup.Escape(Describe(line.Narrowest(CellState.Complementary))),
                line.Recovered.ToString(CultureInfo.InvariantCulture),
                line.Unprotected.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static string Count(AuditLine line, CellState state) =>
        line.Cells.Count(c => c.Protection.State == state).ToString(CultureInfo.InvariantCulture);

    private static string Describe(AuditedCell? cell) => cell is null ? "—" : $"{cell.AreaName} {cell.Protection.Interval}";
}
