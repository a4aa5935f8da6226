using Analytics.DuckDb;
using DuckDB.NET.Data;
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
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private static Command CreateShow()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var district = new Option<string>("--district") { Description = "区名或代码，如 普陀区 或 310107 (district)", Required = true };
        var period = new Option<string>("--period") { Description = "截点季度 2024Q1–2024Q3 (cut quarter)", Required = true };
        var command = new Command("show", "一个区在某季度的全年预计：采用回测胜出的方法，给出区间与方法说明 (a district's year-end projections)")
        {
            db, district, period,
        };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var text = parseResult.GetValue(period)!;
            if (text.Length != 6 || text[4] != 'Q' || !int.TryParse(text[..4], CultureInfo.InvariantCulture, out var year) || text[5] is < '1' or > '3')
            {
                throw new CliInputException($"截点季度格式错误：{text}（应为 2024Q1、2024Q2 或 2024Q3）");
            }

            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            using var connection = warehouse.Connect();
            var code = DistrictCode(connection, parseResult.GetValue(district)!);
            var console = MetricsCli.TableConsole();
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var c in new[] { "指标", "街镇数", "截至本期", "线性推算", "全年预计", "区间", "方法" })
            {
                table.AddColumn(c);
            }

            foreach (var backtest in ProjectionBacktest.Run(connection))
            {
                var p = DistrictProjection.For(connection, backtest, code, year, text[5] - '0');
                table.AddRow(new Text($"{p.Kind.Name}（{p.Kind.Unit}）"), new Text(p.Towns.ToString(CultureInfo.InvariantCulture)), new Text(Num(p.ToDate)),
                    new Text(Num(p.RunRate)), new Text(Num(p.Projection)), new Text($"{Num(p.Low)} ~ {Num(p.High)}"), new Text(p.Method));
            }

            console.Write(table);
            console.WriteLine("区间：全年预计按该方法在同一截点的区级回测相对误差 10%–90% 分位放宽（80% 区间），且不低于截至本期值。");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static string DistrictCode(DuckDBConnection connection, string district)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT district_code FROM dim_region WHERE district_code = $1 OR district_name = $1";
        command.Parameters.AddValue(district);
        return command.ExecuteScalar() as string ?? throw new CliInputException($"未知的区：{district}");
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
        errors = k.Errors.Select(ErrorJson),
        districtShipped = k.DistrictShipped.Code(), districtMethod = k.DistrictShipped.Label(), districtErrors = k.DistrictErrors.Select(ErrorJson),
    };

    private static object ErrorJson(MethodError e) =>
        new { method = e.Method.Code(), e.Mae, mapePercent = e.Mape, e.Rows, e.MapeRows, rangeLowPercent = e.RangeLow, rangeHighPercent = e.RangeHigh };

    private static void WriteTable(IReadOnlyList<KindBacktest> results)
    {
        var console = MetricsCli.TableConsole();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "指标", "层级", "方法", "MAE", "MAPE", "回测数", "误差区间（10%–90%）", "采用" })
        {
            table.AddColumn(c);
        }

        foreach (var k in results)
        {
            foreach (var (level, errors, shipped) in Levels(k))
            {
                foreach (var e in errors)
                {
                    table.AddRow(new Text($"{k.Kind.Name}（{k.Kind.Unit}）"), new Text(level), new Text(e.Method.Code()), new Text(Num(e.Mae)), new Text(Num(e.Mape) + "%"),
                        new Text(e.Rows.ToString(CultureInfo.InvariantCulture)), new Text($"{Signed(e.RangeLow)}% ~ {Signed(e.RangeHigh)}%"),
                        new Text(e.Method == shipped ? "✓" : ""));
                }
            }
        }

        console.Write(table);
        foreach (var k in results)
        {
            foreach (var (level, errors, shipped) in Levels(k))
            {
                var runRate = errors.Single(e => e.Method == ProjectionMethod.RunRate);
                var chosen = errors.Single(e => e.Method == shipped);
                console.WriteLine(shipped == ProjectionMethod.RunRate
                    ? $"{k.Kind.Name}（{level}）：沿用线性推算（没有模型的 MAE 和 MAPE 都低于线性推算）"
                    : $"{k.Kind.Name}（{level}）：采用 {shipped.Code()}（MAE {Num(chosen.Mae)} < 线性推算 {Num(runRate.Mae)}；" +
                      $"MAPE {Num(chosen.Mape)}% < {Num(runRate.Mape)}%）方法：{shipped.Label()}");
            }
        }

        console.WriteLine("年度目标跟踪（区级合计）采用区级层级的方法。");
    }

    private static IEnumerable<(string Level, IReadOnlyList<MethodError> Errors, ProjectionMethod Shipped)> Levels(KindBacktest k) =>
        [("街镇", k.Errors, k.Shipped), ("区", k.DistrictErrors, k.DistrictShipped)];

    private static string Num(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
}
