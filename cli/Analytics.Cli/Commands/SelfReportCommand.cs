using System.CommandLine;
using Analytics.Metrics.Improvement;
using Analytics.Reports.SelfReport;

namespace Analytics.Cli.Commands;

/// <summary>`analytics self-report`: the editable Word draft of a 街镇's 自评报告 for a year.</summary>
internal static class SelfReportCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var rubric = new Option<string>("--rubric") { Description = "评分方案编号，如 qingpu-2024 (rubric id)", Required = true };
        var period = new Option<string>("--period") { Description = "年度，如 2024（自评报告按年度生成）(year)", Required = true };
        var town = new Option<string>("--town") { Description = "街镇名称或编码 (town)", Required = true };
        var output = new Option<string>("--out") { Description = "输出的 .docx 文件 (output file)", Required = true };
        var command = new Command("self-report", "生成街镇年度自评报告草稿（Word .docx）(self-assessment draft of a town)") { db, rubric, period, town, output };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var (r, p) = MetricsCli.RubricPeriod(parseResult.GetValue(rubric)!, parseResult.GetValue(period)!);
            if (p.IsQuarter)
            {
                throw new CliInputException($"自评报告按年度生成：评分期应为 {r.Year}，而不是 {p}");
            }

            var path = parseResult.GetValue(output)!;
            if (!path.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliInputException($"输出文件应以 .docx 结尾：{path}");
            }

            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            using var connection = warehouse.Connect();
            SelfReportEvidence evidence;
            try
            {
                evidence = SelfReportEvidence.Read(connection, r, parseResult.GetValue(town)!);
            }
            catch (ImprovementNotApplicableException ex)
            {
                throw new CliInputException(ex.Message);
            }

            var temporary = path + ".tmp";
            using (var file = File.Create(temporary))
            {
                SelfReportWriter.Write(evidence, file);
            }

            File.Move(temporary, path, overwrite: true);
            Console.Out.WriteLine($"已生成 {evidence.TownName} {r.Year} 年度自评报告草稿：{path}（{evidence.Items.Count} 个评分项；{evidence.Result.Headline}）");
            return Task.FromResult(0);
        }));
        return command;
    }
}
