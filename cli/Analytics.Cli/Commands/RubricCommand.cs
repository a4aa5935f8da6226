using System.CommandLine;
using System.Text.Json;
using Analytics.Metrics;

namespace Analytics.Cli.Commands;

/// <summary>`analytics rubric`: list, show and evaluate the district rubrics (评分方案) without a database.</summary>
internal static partial class RubricCommand
{
    private const int BadInput = 2;

    public static Command Create()
    {
        var command = new Command("rubric", "评分方案：列出、查看、试算 (rubrics: list, show, evaluate)");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateEval());
        return command;
    }

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "输出格式 table|json (output format)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    private static Command CreateList()
    {
        var format = FormatOption();
        var command = new Command("list", "列出内置评分方案 (list the built-in rubrics)") { format };
        command.SetAction(parseResult => Guard(() =>
        {
            if (parseResult.GetValue(format) == "json")
            {
                WriteJson(RubricCatalog.All.Select(r => new
                {
                    r.Id, District = r.District.Name, DistrictCode = r.District.Code, r.Year, r.Version, r.Title,
                    Items = r.Items.Count(), r.Total,
                }));
            }
            else
            {
                RubricTables.List(RubricCatalog.All);
            }

            return 0;
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("id") { Description = "评分方案编号或 YAML 文件路径，如 changning-2023 (rubric id or YAML path)" };
        var format = FormatOption();
        var command = new Command("show", "查看评分方案的分区、评分项、规则与输入项 (show a rubric)") { id, format };
        command.SetAction(parseResult => Guard(() =>
        {
            var rubric = Resolve(parseResult.GetValue(id)!);
            if (parseResult.GetValue(format) == "json")
            {
                WriteJson(RubricJson.Describe(rubric));
            }
            else
            {
                RubricTables.Show(rubric);
            }

            return 0;
        }));
        return command;
    }

    private static Command CreateEval()
    {
        var rubricOption = new Option<string>("--rubric") { Description = "评分方案编号或 YAML 文件路径 (rubric id or YAML path)", Required = true };
        var inputsOption = new Option<string>("--inputs") { Description = "输入 JSON 文件：inputs / judgements / previous (input JSON file)", Required = true };
        var periodOption = new Option<string?>("--period") { Description = "评分期，如 2024 或 2024Q2；缺省为方案年度全年 (period to score)" };
        var format = FormatOption();
        var command = new Command("eval", "按评分方案试算一组输入 (evaluate one set of inputs)") { rubricOption, inputsOption, periodOption, format };
        command.SetAction(parseResult => Guard(() =>
        {
            var rubric = Resolve(parseResult.GetValue(rubricOption)!);
            var path = parseResult.GetValue(inputsOption)!;
            var inputs = RubricInputFile.Read(path, parseResult.GetValue(periodOption));
            RubricResult result;
            try
            {
                result = RubricEvaluator.Evaluate(rubric, inputs);
            }
            catch (RubricInputException e)
            {
                // The engine names the field; the user also needs to know which file it came from.
                throw new CliInputException($"{path}: {e.Message}");
            }
            if (parseResult.GetValue(format) == "json")
            {
                WriteJson(result);
            }
            else
            {
                RubricTables.Result(rubric, result);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>An id of an embedded rubric, or a path to a YAML file (for drafting next year's scheme).</summary>
    private static Rubric Resolve(string idOrPath)
    {
        if (idOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || idOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(idOrPath))
            {
                throw new CliInputException($"找不到评分方案文件 {idOrPath} (rubric file not found)");
            }

            return RubricCatalog.LoadFile(idOrPath);
        }

        return RubricCatalog.Find(idOrPath) ?? throw new CliInputException(
            $"未知评分方案 {idOrPath}，可用：{string.Join(", ", RubricCatalog.All.Select(r => r.Id))} (unknown rubric id '{idOrPath}')");
    }

    /// <summary>本系统设定 or 通知原文, as the methodology page labels a number's source.</summary>
    private static string SourceKindLabel(ProvenanceEntry source) => source.IsAssumption ? "本系统设定" : "通知原文";

    /// <summary>The quoted notice line with this system's reading, or the reason for a number this system chose.</summary>
    private static string SourceText(ProvenanceEntry source) => source.IsAssumption
        ? source.Text
        : source.Note is { } reading ? $"「{source.Text}」（本系统的理解：{reading}）" : $"「{source.Text}」";

    private static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, RubricJson.Options));

    /// <summary>Expected failures become one bilingual line on stderr and exit code 2; nothing else is caught.</summary>
    private static int Guard(Func<int> action)
    {
        string message;
        try
        {
            return action();
        }
        catch (CliInputException e)
        {
            message = e.Message;
        }
        catch (RubricInputException e)
        {
            message = e.Message;
        }
        catch (RubricValidationException e)
        {
            message = e.Message;
        }

        Console.Error.WriteLine($"输入错误 (bad input): {message}");
        return BadInput;
    }
}
