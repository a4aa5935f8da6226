using Analytics.Metrics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Analytics.Cli.Commands;

internal static partial class RubricCommand
{
    /// <summary>Terminal tables for `rubric list/show/eval`; all text goes through <see cref="Text"/> so brackets are never markup.</summary>
    private static class RubricTables
    {
        // Piped output (files, less, CI logs) gets plain text at a width that keeps explanations on few lines.
        private static readonly IAnsiConsole Console = CreateConsole();

        private static IAnsiConsole CreateConsole()
        {
            if (!System.Console.IsOutputRedirected)
            {
                return AnsiConsole.Console;
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            console.Profile.Width = 160;
            return console;
        }

        private static string N(decimal value) => Analytics.Metrics.Rules.Fmt.Num(value);

        private static IRenderable[] Cells(params string?[] values) => values.Select(v => (IRenderable)new Text(v ?? "")).ToArray();

        public static void List(IReadOnlyList<Rubric> rubrics)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "编号", "区", "代码", "年度", "版本", "评分项", "满分", "名称" })
            {
                table.AddColumn(column);
            }

            foreach (var r in rubrics)
            {
                table.AddRow(Cells(r.Id, r.District.Name, r.District.Code, r.Year.ToString(), r.Version, r.Items.Count().ToString(), N(r.Total), r.Title));
            }

            Console.Write(table);
        }

        public static void Show(Rubric r)
        {
            Console.Write(new Text($"{r.Title}（{r.Id} v{r.Version}，{r.District.Name} {r.District.Code}，来源 {r.Source}）\n"));
            Console.Write(new Text($"满分 {N(r.Total)}；等级：优秀 ≥ {N(r.Grades.Excellent)}，良好 ≥ {N(r.Grades.Good)}，合格 ≥ {N(r.Grades.Pass)}，其余不合格\n"));
            if (r.Note is not null)
            {
                Console.Write(new Text($"说明：{r.Note}\n"));
            }

            foreach (var s in r.Sections)
            {
                var head = s.Kind switch
                {
                    SectionKind.Bonus => $"加分上限 {N(s.Cap!.Value)}",
                    SectionKind.Deduction => $"扣分上限 {N(s.Cap!.Value)}",
                    _ when s.IsWeighted => $"权重 {N(s.Weight!.Value)}（按各项得分比例折算）",
                    _ => $"满分 {N(s.Maximum)}",
                };
                var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle($"{s.Code} {s.Name}（{head}）"));
                foreach (var column in new[] { "编号", "评分项", "满分", "频次", "规则", "输入项", "说明" })
                {
                    table.AddColumn(column);
                }

                foreach (var i in s.Items)
                {
                    var inputs = string.Join("\n", i.Inputs.Values.Distinct());
                    var note = string.Join("\n", new[] { i.Owner is null ? null : $"科室：{i.Owner}", i.Note }.Where(x => x is not null));
                    table.AddRow(Cells(i.Code, i.Name, s.Kind == SectionKind.Deduction ? "—" : N(i.Maximum), i.Frequency.Label(),
                        i.Rule.Describe(i.Maximum), inputs, note));
                }

                Console.Write(table);
            }

            foreach (var v in r.Vetoes)
            {
                Console.Write(new Text($"一票否决 {v.Code}：{v.Name}（输入项 {v.Input}）{v.Note}\n"));
            }

            var inputsTable = new Table().Border(TableBorder.Rounded).Title(new TableTitle("输入项"));
            inputsTable.AddColumn("名称");
            inputsTable.AddColumn("单位");
            inputsTable.AddColumn("含义");
            foreach (var input in r.Inputs)
            {
                inputsTable.AddRow(Cells(input.Name, input.Unit, input.Meaning));
            }

            Console.Write(inputsTable);
            Sources(r);
        }

        /// <summary>Every number of the rubric with its source: the notice's words, or 本系统设定 and why.</summary>
        private static void Sources(Rubric r)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle("数字来源"));
            foreach (var column in new[] { "所属", "数字", "数值", "来源", "依据" })
            {
                table.AddColumn(column);
            }

            foreach (var n in r.Provenance.Numbers)
            {
                table.AddRow(Cells(n.Owner ?? "方案", n.Label, n.Value, SourceKindLabel(n.Source), SourceText(n.Source)));
            }

            Console.Write(table);
            if (r.Provenance.Footnote is { } footnote)
            {
                Console.Write(new Text($"{RubricProvenance.Mark} {footnote}；据此得出的总分和等级标注 {RubricProvenance.Mark}。\n"));
            }
        }

        public static void Result(Rubric rubric, RubricResult result)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title(new TableTitle($"{rubric.Title}（{rubric.Id}，{result.Period}）"));
            foreach (var column in new[] { "编号", "评分项", "得分", "满分", "状态", "输入值", "计算说明" })
            {
                table.AddColumn(column);
            }

            foreach (var i in result.Items)
            {
                var inputs = string.Join("\n", i.Inputs.Select(kv => $"{kv.Key}={(kv.Value is { } v ? N(v) : "—")}")
                    .Concat(i.Previous.Select(kv => $"上年 {kv.Key}={(kv.Value is { } v ? N(v) : "—")}")));
                var max = i.SectionCode == "veto" || (i.Maximum == 0m && i.Score <= 0m) ? "—" : N(i.Maximum);
                table.AddRow(Cells(i.Code, i.Name, N(i.Score), max, i.Status.Label(), inputs, i.Explanation));
            }

            Console.Write(table);

            var sections = new Table().Border(TableBorder.Rounded).Title(new TableTitle("分区得分"));
            sections.AddColumn("分区");
            sections.AddColumn("得分");
            sections.AddColumn("满分");
            sections.AddColumn("说明");
            foreach (var s in result.Sections)
            {
                sections.AddRow(Cells($"{s.Code} {s.Name}", N(s.Score), s.Kind == SectionKind.Standard ? N(s.Maximum) : "—", s.Explanation));
            }

            Console.Write(sections);
            Console.Write(new Text(result.IsAssessed
                ? $"基础分 {N(result.BaseScore)} / {N(result.Maximum)}，加分 {N(result.Bonus)}，扣分 {N(-result.Deduction)}；{result.Headline}\n"
                : $"{result.Headline}\n"));
            if (result.VetoReason is not null)
            {
                Console.Write(new Text($"{result.VetoReason}\n"));
            }

            if (result.PendingCount > 0 || result.MissingCount > 0)
            {
                Console.Write(new Text($"注意：{result.PendingCount} 项待评（视情给分未录入），{result.MissingCount} 项缺数据，均暂按 0 分计。\n"));
            }
        }
    }
}
