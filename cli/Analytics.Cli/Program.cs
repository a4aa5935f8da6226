using System.CommandLine;
using System.Text;
using Analytics.Cli.Commands;

// `./analytics` — the command-line tool. Each command group lives in its own file under Commands/.
Console.OutputEncoding = Encoding.UTF8;
if (Console.IsOutputRedirected)
{
    // Piped output has no terminal width; give tables room instead of Spectre's 80 columns.
    Spectre.Console.AnsiConsole.Profile.Width = 200;
}

var root = new RootCommand("上海区民政局 分析与报告数据仓库 — 命令行工具 (civil-affairs analytics warehouse)");
root.Subcommands.Add(SqlCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(RubricCommand.Create());
root.Subcommands.Add(EtlCommand.Create());
root.Subcommands.Add(ScoreCommand.Create());
root.Subcommands.Add(ImproveCommand.Create());
root.Subcommands.Add(SelfReportCommand.Create());
root.Subcommands.Add(JudgeCommand.Create());
root.Subcommands.Add(FindingsCommand.Create());
root.Subcommands.Add(AnomaliesCommand.Create());
root.Subcommands.Add(ProjectionsCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(SchemaCommand.Create());
root.Subcommands.Add(DisclosureCommand.Create());

return await root.Parse(args).InvokeAsync();
