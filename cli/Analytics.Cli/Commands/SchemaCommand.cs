using System.CommandLine;
using Analytics.Warehouse.Schema;

namespace Analytics.Cli.Commands;

/// <summary>`analytics schema`: prints the generated fact-table section of docs/warehouse-schema.md.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "输出事实表结构说明（Markdown）(print the fact tables as Markdown)");
        command.SetAction(_ =>
        {
            Console.WriteLine(SchemaDocument.FactTablesMarkdown());
            return 0;
        });
        return command;
    }
}
