using Analytics.Etl.Loading;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`etl status` on what is loaded: a batch of loads from its progress file (while it runs, or after it was killed), and the gaps.</summary>
internal static partial class EtlCommand
{
    private static void PrintProgress(LoadProgressState progress)
    {
        var current = progress.Current is null ? "" : $"{progress.Current}{(progress.CurrentRunId is { } id ? $"（运行 {id}）" : "")}";
        AnsiConsole.MarkupLine(progress.Alive
            ? $"[yellow]装载进行中[/]：{Markup.Escape(progress.HolderKind)}，PID {progress.ProcessId}，{progress.StartedAt:yyyy-MM-dd HH:mm:ss} (UTC) 开始，" +
              $"已完成 {progress.Done}/{progress.Total} 个 数据源·季度{(current.Length > 0 ? $"，正在装载 {Markup.Escape(current)}" : "")}"
            : $"[red]装载中断[/]：{Markup.Escape(progress.HolderKind)}（PID {progress.ProcessId}，进程已不在）于 {progress.StartedAt:yyyy-MM-dd HH:mm:ss} (UTC) 开始，" +
              $"完成 {progress.Done}/{progress.Total} 个 数据源·季度{(current.Length > 0 ? $"后中断于 {Markup.Escape(current)}，该 数据源·季度 保持开始前的状态" : "后中断")}");
        if (progress.Runs.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("最近完成的运行").AddColumns("运行", "数据源", "季度", "状态", "读取", "装载", "隔离", "开始(UTC)");
        foreach (var run in progress.Runs)
        {
            table.AddRow(run.RunId.ToString(), run.Feed, QuarterLabel(run.QuarterKey),
                run.Status switch { "succeeded" => "[green]成功[/]", RunLog.Running => "[red]中断[/]", _ => "[red]失败[/]" },
                run.RowsRead.ToString("N0"), run.RowsLoaded.ToString("N0"), run.RowsQuarantined.ToString("N0"), run.StartedAt.ToString("MM-dd HH:mm:ss"));
        }

        AnsiConsole.Write(table);
    }

    private static void PrintCompleteness(LoadCompletenessReport report)
    {
        // The same report as the admin page's 装载完整性 section: districts without rows in a loaded feed-quarter, then
        // feed-quarters within the loaded range that have no load, then the 街镇 without a ledger.
        foreach (var gap in report.Cells.Where(c => c.FeedQuarterLoaded && c.Missing).GroupBy(c => (c.QuarterKey, c.Feed)))
        {
            AnsiConsole.MarkupLine($"[yellow]缺数据[/] {gap.Key.Feed} {QuarterLabel(gap.Key.QuarterKey)}：{Markup.Escape(string.Join("、", gap.Select(c => c.DistrictName)))}");
        }

        foreach (var feed in report.Cells.Where(c => !c.FeedQuarterLoaded).GroupBy(c => c.Feed))
        {
            AnsiConsole.MarkupLine($"[yellow]未装载[/] {feed.Key}：{string.Join("、", feed.Select(c => c.QuarterKey).Distinct().Select(QuarterLabel))}");
        }

        foreach (var quarter in report.MissingLedgers.GroupBy(m => m.QuarterKey))
        {
            AnsiConsole.MarkupLine($"[yellow]缺台账[/] {QuarterLabel(quarter.Key)}：{Markup.Escape(string.Join("、", quarter.Select(m => m.DistrictName + m.TownName)))}");
        }
    }
}
