using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Analytics.Forecasting.Projections;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics projections backtest`: year-end projections of the run rate and the regression models, backtested
/// per target kind, with the method that ships.</summary>
internal static class ProjectionsCommand
{
    public static Command Create()
    {
        var command = new Command("projections", "年度目标的全年预计：线性推算与回归模型 (year-end projections)");
        command.Subcommands.Add(CreateBacktest());
        return command;
    }

    private static Command CreateBacktest()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式 table|json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("backtest",
            "回测：2023、2024 年各以 Q1–Q3 为截点，只用目标年之前的数据训练，比较线性推算与 FastTree、LightGBM、泊松回归的 MAE 与 MAPE (backtest)")
        {
            db, format,
        };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            using var connection = warehouse.Connect();
            var results = ProjectionBacktest.Run(connection);
            if (parseResult.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(results.Select(Json), MetricsCli.Json));
            }
            else
            {
                WriteTable(results);
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    private static object Json(KindBacktest k) => new
    {
        kind = k.Kind.IndicatorCode, name = k.Kind.Name, unit = k.Kind.Unit, shipped = k.Shipped.Code(), method = k.Shipped.Label(),
        errors = k.Errors.Select(e => new { method = e.Method.Code(), e.Mae, mapePercent = e.Mape, e.Rows, e.MapeRows, rangeLowPercent = e.RangeLow, rangeHighPercent = e.RangeHigh }),
    };

    private static void WriteTable(IReadOnlyList<KindBacktest> results)
    {
        var console = MetricsCli.TableConsole();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "指标", "方法", "MAE", "MAPE", "回测数", "误差区间（10%–90%）", "采用" })
        {
            table.AddColumn(c);
        }

        foreach (var k in results)
        {
            foreach (var e in k.Errors)
            {
                table.AddRow(new Text($"{k.Kind.Name}（{k.Kind.Unit}）"), new Text(e.Method.Code()), new Text(Num(e.Mae)), new Text(Num(e.Mape) + "%"),
                    new Text(e.Rows.ToString(CultureInfo.InvariantCulture)), new Text($"{Signed(e.RangeLow)}% ~ {Signed(e.RangeHigh)}%"),
                    new Text(e.Method == k.Shipped ? "✓" : ""));
            }
        }

        console.Write(table);
        foreach (var k in results)
        {
            console.WriteLine(k.Shipped == ProjectionMethod.RunRate
                ? $"{k.Kind.Name}：沿用线性推算（没有模型的 MAE 和 MAPE 都低于线性推算）"
                : $"{k.Kind.Name}：采用 {k.Shipped.Code()}（MAE {Num(k.Error(k.Shipped).Mae)} < 线性推算 {Num(k.Error(ProjectionMethod.RunRate).Mae)}；" +
                  $"MAPE {Num(k.Error(k.Shipped).Mape)}% < {Num(k.Error(ProjectionMethod.RunRate).Mape)}%）方法：{k.Shipped.Label()}");
        }
    }

    private static string Num(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
}
