using System.CommandLine;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Cli.Output;

namespace Analytics.Cli.Commands;

/// <summary>`analytics sql`: runs one SQL text against a warehouse file and prints the rows.</summary>
internal static class SqlCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "数据库文件路径，或 :memory: (DuckDB database file, or :memory:)", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式 table|csv|json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var readOnly = new Option<bool>("--read-only") { Description = "以只读方式打开 (open read-only)" };
        var sql = new Argument<string>("sql") { Description = "要执行的 SQL (the SQL to run)" };

        var command = new Command("sql", "在数据仓库上执行 SQL 并输出结果 (run SQL against the warehouse)") { db, format, readOnly, sql };
        command.SetAction((parseResult, cancellationToken) => CliErrors.GuardAsync(() =>
        {
            var path = parseResult.GetValue(db)!;
            if (path != ":memory:" && !File.Exists(path))
            {
                // DuckDB would create an empty database: a mistyped path must say so instead.
                throw new CliInputException($"找不到仓库文件 {path}（sql 不会新建仓库；内存数据库请用 --db :memory:）(warehouse file not found)");
            }

            var builder = new DuckDBConnectionStringBuilder { DataSource = path };
            if (parseResult.GetValue(readOnly))
            {
                builder.AccessMode = DuckDBAccessMode.ReadOnly;
            }

            using var connection = new DuckDBConnection(builder.ConnectionString);
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = parseResult.GetValue(sql)!;
            using var interrupt = cancellationToken.Register(cmd.Cancel);
            // Streamed: rows are written as DuckDB produces them, not after the whole result is copied into memory.
            cmd.UseStreamingMode = true;
            using var reader = cmd.ExecuteReader();
            // DuckDB.NET's reader starts at the first statement's result; the text's answer is the last one's.
            for (var statements = connection.CountStatements(cmd.CommandText); statements > 1; statements--)
            {
                reader.NextResult();
            }

            ResultWriter.Write(reader, parseResult.GetValue(format)!, Console.Out);
            return Task.FromResult(0);
        }));
        return command;
    }
}
