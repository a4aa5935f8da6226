using System.CommandLine;
using System.Globalization;
using Analytics.DemoData;
using Analytics.Sources;

namespace Analytics.Cli.Commands;

/// <summary>`analytics demo generate ...`: writes a deterministic demo source drop (all feeds, ledgers, ground truth).</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var demo = new Command("demo", "演示数据 (demo data)");
        demo.Subcommands.Add(CreateGenerate());
        return demo;
    }

    private static Command CreateGenerate()
    {
        var output = new Option<string>("--out") { Description = "输出目录 (drop folder to write)", Required = true };
        var seed = new Option<long>("--seed") { Description = "随机种子，相同种子生成逐字节相同的文件 (seed)", DefaultValueFactory = _ => DemoOptions.DefaultSeed };
        var from = new Option<string>("--from") { Description = "起始季度，如 2022Q1 (first quarter)", DefaultValueFactory = _ => DemoOptions.DefaultFrom.ToString() };
        var to = new Option<string>("--to") { Description = "结束季度，如 2025Q4 (last quarter)", DefaultValueFactory = _ => DemoOptions.DefaultTo.ToString() };
        var scale = new Option<string>("--scale") { Description = "规模：demo（4 区 48 街镇）或 city（216 街镇，基准测试用）", DefaultValueFactory = _ => "demo" };
        var hard = new Option<bool>("--hard-anomalies")
        {
            Description = "另注入单指标规则查不出的组合异常（就餐补贴人次与助餐人次比例失常），供 anomalies evaluate 使用 (harder injected anomalies)",
        };
        var command = new Command("generate", "生成演示源数据：各源系统抽取文件、街镇台账、manifest.json 与 ground_truth.json")
        {
            output, seed, from, to, scale, hard,
        };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var options = new DemoOptions(
                parseResult.GetValue(output)!,
                parseResult.GetValue(seed),
                ParseQuarter(parseResult.GetValue(from), "--from"),
                ParseQuarter(parseResult.GetValue(to), "--to"),
                ParseScale(parseResult.GetValue(scale)),
                parseResult.GetValue(hard));
            if (options.Validate() is { } problem) throw new CliInputException(problem);
            var result = new DemoDataGenerator().Generate(options);
            Print(result);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Quarter ParseQuarter(string? text, string option) =>
        Quarter.TryParse(text, out var quarter)
            ? quarter
            : throw new CliInputException($"{option} 的值“{text}”不是有效季度，应写作 2024Q3 形式");

    private static DemoScale ParseScale(string? text) => text switch
    {
        "demo" => DemoScale.Demo,
        "city" => DemoScale.City,
        _ => throw new CliInputException($"--scale 的值“{text}”无效，应为 demo 或 city"),
    };

    private static void Print(GenerationResult result)
    {
        var o = result.Options;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"已生成演示数据：{Path.GetFullPath(o.OutputDirectory)}");
        Console.WriteLine($"  种子 {o.Seed}，季度 {o.From}–{o.To}，规模 {(o.Scale == DemoScale.City ? "全市" : "演示")}，街镇 {result.Towns} 个");
        Console.WriteLine(string.Create(c, $"  文件 {result.Files.Count} 个，数据行 {result.TotalRows:N0} 行（其中救助金发放 {result.RowsOf("assistance", "payments"):N0} 行）"));
        Console.WriteLine($"  注入异常 {result.Anomalies.Count} 项，见 {DropLayout.GroundTruthFileName}；文件清单见 {DropLayout.ManifestFileName}");
        Console.WriteLine(string.Create(c, $"  用时 {result.Elapsed.TotalSeconds:F1} 秒"));
    }
}
