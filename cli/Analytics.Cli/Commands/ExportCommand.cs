using System.CommandLine;
using Analytics.Warehouse.Export;
using Spectre.Console;

namespace Analytics.Cli.Commands;

/// <summary>`analytics export parquet`: the warehouse as Hive-partitioned Parquet for Spark, Trino, ClickHouse and DuckDB.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var export = new Command("export", "导出仓库 (export the warehouse)");
        export.Subcommands.Add(CreateParquet());
        return export;
    }

    private static Command CreateParquet()
    {
        var db = new Option<string>("--db") { Description = "仓库文件，只读打开 (warehouse file, opened read-only)", Required = true };
        var output = new Option<string>("--out") { Description = "输出目录 (output folder)", Required = true };
        var command = new Command("parquet", "按 年/季度/区 分区导出为 Parquet (Hive-partitioned Parquet: year/quarter/district)") { db, output };
        command.SetAction((parseResult, cancellationToken) => CliErrors.GuardAsync(() =>
        {
            var summary = ParquetExporter.Export(parseResult.GetValue(db)!, parseResult.GetValue(output)!, cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("表", "路径", "行数", "文件", "分区");
            foreach (var t in summary.Tables)
            {
                table.AddRow(t.Name, Markup.Escape(t.RelativePath), t.Rows.ToString("N0"), t.Files.ToString(), string.Join(",", t.PartitionColumns));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"已导出 {summary.Tables.Count} 张表、{summary.Files} 个文件、{summary.Rows:N0} 行到 {Markup.Escape(summary.OutputDirectory)}（说明见 README.md）");
            return Task.FromResult(0);
        }));
        return command;
    }
}
