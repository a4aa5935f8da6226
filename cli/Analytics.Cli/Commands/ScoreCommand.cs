using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics score`: every town of a rubric's district scored from the warehouse, ranked, with items and explanations.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "仓库文件 (warehouse file)", Required = true };
        var rubric = new Option<string>("--rubric") { Description = "评分方案编号，如 songjiang-2024 (rubric id)", Required = true };
        var period = new Option<string>("--period") { Description = "评分期：2024 或 2024Q3 (period)", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式 table|json|csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("score", "按区评分方案为各街镇评分并排名 (score and rank every town of the rubric's district)") { db, rubric, period, format };
        command.SetAction((parseResult, _) => CliErrors.GuardAsync(() =>
        {
            var (r, p) = MetricsCli.RubricPeriod(parseResult.GetValue(rubric)!, parseResult.GetValue(period)!);

            var warehouse = MetricsCli.OpenFresh(parseResult.GetValue(db)!);
            var clock = Stopwatch.StartNew();
            var score = TownScorer.Score(warehouse, r, p);
            clock.Stop();
            DistrictTracker? tracker;
            using (var connection = warehouse.Connect())
            {
                tracker = DistrictTracker.Read(connection, score);
            }

            switch (parseResult.GetValue(format))
            {
                case "json": WriteJson(score, tracker); break;
                case "csv": WriteCsv(score); break;
                default: WriteTable(score, tracker, clock.Elapsed); break;
            }

            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Every town (ranked only when the period ranks towns), then the district; a district tracker scores only the district.</summary>
    private static IEnumerable<(int? Rank, string Level, TownResult Town)> Rows(DistrictScore s) =>
        s.Towns.Where(_ => s.Rubric.RanksTowns).Select(t => (s.IsRanked ? (int?)t.Rank : null, "town", t.Town)).Append((null, "district", s.District));

    // A period that assesses nothing has no total: printing 0 of 0 would read as a failed assessment.
    private static decimal? Shown(RubricResult r, decimal value) => r.IsAssessed ? value : null;

    private static string ShownText(RubricResult r, decimal value) => r.IsAssessed ? Fmt.Num(value) : "—";

    private static void WriteJson(DistrictScore s, DistrictTracker? tracker)
    {
        var doc = new
        {
            rubric = s.Rubric.Id, s.Rubric.Title, district = s.Rubric.District.Name, districtCode = s.Rubric.District.Code, period = s.Period.ToString(),
            unit = s.Rubric.Unit == AssessmentUnit.District ? "district" : "town", ranked = s.IsRanked, rankingFinal = s.IsRankingFinal,
            rankingNote = s.RankingNote,
            towns = Rows(s).Select(x => new
            {
                rank = x.Rank, townCode = x.Town.TownCode, town = x.Town.TownName, level = x.Level,
                state = x.Town.Result.State.Code(), headline = x.Town.Result.Headline,
                total = Shown(x.Town.Result, x.Town.Result.Total), maximum = Shown(x.Town.Result, x.Town.Result.Maximum),
                lowestTotal = Shown(x.Town.Result, x.Town.Result.LowestTotal), highestTotal = Shown(x.Town.Result, x.Town.Result.HighestTotal),
                grade = x.Town.Result.Grade?.Label(), gradeLabel = x.Town.Result.GradeLabel,
                possibleGrades = x.Town.Result.PossibleGrades.Select(g => g.Label()),
                baseScore = Shown(x.Town.Result, x.Town.Result.BaseScore), bonus = Shown(x.Town.Result, x.Town.Result.Bonus),
                deduction = Shown(x.Town.Result, x.Town.Result.Deduction), x.Town.Result.Vetoed, x.Town.Result.VetoReason,
                x.Town.Result.PendingCount, x.Town.Result.MissingCount,
                sections = x.Town.Result.Sections.Select(c => new { c.Code, c.Name, c.Score, c.Maximum, c.Explanation }),
                items = x.Town.Result.Items.Select(i => new
                {
                    i.Code, i.Name, i.SectionCode, rule = i.RuleType, frequency = i.Frequency.Label(), status = i.Status.Label(), i.Score, i.Maximum,
                    i.Projected, i.Explanation, i.Inputs, i.Previous,
                }),
                missingInputs = s.MissingInputs.GetValueOrDefault(x.Town.TownCode),
            }),
            targets = tracker?.Targets.Select(t => new
            {
                t.Code, t.Name, t.ToDate, t.ToDateText, target = t.TargetText, t.Projection, t.ProjectionText, t.Status, t.Source, t.Score, t.Maximum,
                t.Explanation, projectionMethod = tracker.Methods[t.Code],
                modelProjection = tracker.ModelProjections.GetValueOrDefault(t.Code) is { } m
                    ? new { m.Method, m.Projection, m.Low, m.High, methodText = m.MethodText }
                    : null,
            }),
            townContributions = tracker?.Towns.Select(t => new { t.TownCode, town = t.TownName, figures = t.Figures }),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(doc, MetricsCli.Json));
    }

    private static void WriteCsv(DistrictScore s)
    {
        Console.Out.WriteLine("rubric,period,level,rank,town_code,town,state,total,maximum,lowest_total,highest_total,grade,possible_grades,headline," +
                              "item_code,item_name,status,score,item_maximum,projected,explanation");
        foreach (var (rank, level, town) in Rows(s))
        {
            var r = town.Result;
            string Blank(decimal value) => r.IsAssessed ? Fmt.Num(value) : "";
            foreach (var i in r.Items)
            {
                Console.Out.WriteLine(string.Join(',', s.Rubric.Id, s.Period, level, rank?.ToString(CultureInfo.InvariantCulture) ?? "", MetricsCli.Csv(town.TownCode),
                    MetricsCli.Csv(town.TownName), r.State.Code(), Blank(r.Total), Blank(r.Maximum), Blank(r.LowestTotal), Blank(r.HighestTotal),
                    r.Grade?.Label() ?? "", string.Join("/", r.PossibleGrades.Select(g => g.Label())), MetricsCli.Csv(r.Headline), MetricsCli.Csv(i.Code),
                    MetricsCli.Csv(i.Name), i.Status.Label(), Fmt.Num(i.Score), Fmt.Num(i.Maximum), i.Projected is { } pr ? Fmt.Num(pr) : "",
                    MetricsCli.Csv(i.Explanation)));
            }
        }
    }

    private static void WriteTable(DistrictScore s, DistrictTracker? districtTracker, TimeSpan elapsed)
    {
        var console = MetricsCli.TableConsole();

        console.Write(new Text($"{s.Rubric.Title}（{s.Rubric.Id}）{s.Period} — {s.Rubric.District.Name} {s.Towns.Count} 个街镇；{s.RankingNote}\n"));
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "排名", "街镇", "状态", "总分", "满分", "可达", "等级", "加分", "扣分", "待评", "缺数据" })
        {
            table.AddColumn(c);
        }

        foreach (var (rank, _, town) in Rows(s))
        {
            var r = town.Result;
            table.AddRow(new Text(rank?.ToString(CultureInfo.InvariantCulture) ?? "—"), new Text(town.TownName), new Text(r.State.Label()),
                new Text(ShownText(r, r.Total)), new Text(ShownText(r, r.Maximum)),
                new Text(r.State == AssessmentState.Provisional ? $"{Fmt.Num(r.LowestTotal)}–{Fmt.Num(r.HighestTotal)}" : "—"),
                new Text(r.GradeLabel), new Text(ShownText(r, r.Bonus)), new Text(ShownText(r, r.Deduction)),
                new Text(r.PendingCount.ToString(CultureInfo.InvariantCulture)), new Text(r.MissingCount.ToString(CultureInfo.InvariantCulture)));
        }

        console.Write(table);
        if (districtTracker is { } tracker)
        {
            WriteTracker(console, tracker);
        }

        foreach (var (rank, _, town) in Rows(s))
        {
            var items = new Table().Border(TableBorder.Simple).Title(new TableTitle($"{(rank is { } k ? $"第 {k} 名 " : "")}{town.TownName}：{town.Result.Headline}"));
            foreach (var c in new[] { "编号", "评分项", "状态", "得分", "满分", "说明" })
            {
                items.AddColumn(c);
            }

            // A period that assesses nothing lists the annual items with their year-to-date preview instead.
            foreach (var i in town.Result.Items.Where(i => !town.Result.IsAssessed || i.Status != ItemStatus.NotAssessed))
            {
                var score = i.Projected is { } p ? $"预估 {Fmt.Num(p)}" : town.Result.IsAssessed ? Fmt.Num(i.Score) : "—";
                items.AddRow(new Text(i.Code), new Text(i.Name), new Text(i.Status.Label()), new Text(score), new Text(Fmt.Num(i.Maximum)), new Text(i.Explanation));
            }

            console.Write(items);
        }

        console.Write(new Text($"评分用时 {elapsed.TotalMilliseconds:N0} ms；结果已写入 score_result / score_item\n"));
    }

    private static void WriteTracker(IAnsiConsole console, DistrictTracker tracker)
    {
        var targets = new Table().Border(TableBorder.Simple).Title(new TableTitle($"全区目标跟踪：{tracker.Summary}"));
        foreach (var c in DistrictTracker.Columns)
        {
            targets.AddColumn(c);
        }

        foreach (var t in tracker.Targets)
        {
            targets.AddRow(tracker.Cells(t).Select(c => new Text(c)).ToArray());
        }

        console.Write(targets);
        // Targets down, 街镇 across: ten narrow columns fit a terminal where twenty-one targets would not. Bureau-entry
        // targets have only a district value and are left out.
        var towns = new Table().Border(TableBorder.Simple).Title(new TableTitle("各街镇贡献明细（不排名、不计总分；区局录入目标只有全区值，不列出）"));
        towns.AddColumn("编号");
        foreach (var town in tracker.Towns)
        {
            towns.AddColumn(town.TownName);
        }

        foreach (var t in tracker.Targets.Where(t => t.Source == TargetTracker.FromData))
        {
            towns.AddRow(tracker.Towns.Select(town => new Text(town.Figures[t.Code])).Prepend(new Text(t.Code)).ToArray());
        }

        console.Write(towns);
    }
}
