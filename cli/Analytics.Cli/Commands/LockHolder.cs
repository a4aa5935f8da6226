using System.Globalization;
using Analytics.DuckDb;
using Analytics.Etl.Loading;
using DuckDB.NET.Data;

namespace Analytics.Cli.Commands;

/// <summary>
/// Names the kind of process that holds the warehouse lock: a batch of loads by its progress file (host 定时装载, 立即运行 or
/// 命令行装载, with the feed-quarter it is in), any other holder by its command line (DuckDB names its process id).
/// </summary>
internal static class LockHolder
{
    /// <summary>The Chinese message for a lock conflict, or null when <paramref name="error"/> is not one.</summary>
    public static string? Describe(DuckDBException error)
    {
        if (error.LockConflictOf() is not { } conflict)
        {
            return null;
        }

        var pid = conflict.ProcessId?.ToString(CultureInfo.InvariantCulture);
        var ownCommand = OwnCommand(Environment.GetCommandLineArgs());
        var (kind, advice) = LoadInProgress(conflict, ownCommand) ?? Kind(pid is null ? [] : CommandLineOf(pid), ownCommand);
        var holder = pid is null ? kind : $"{kind}，PID {pid}";
        return $"数据库文件正被另一个进程使用（{holder}）。{advice}(the warehouse is locked by another process; nothing was changed)";
    }

    /// <summary>The batch of loads holding the file, when its progress file names the process that holds the lock.</summary>
    private static (string Kind, string Advice)? LoadInProgress(LockConflict conflict, string ownCommand)
    {
        if (conflict.ProcessId is not { } pid || LoadProgressFile.Read(conflict.File) is not { Alive: true } progress || progress.ProcessId != pid)
        {
            return null;
        }

        var kind = progress.Current is null ? progress.HolderKind : $"{progress.HolderKind}，正在装载 {progress.Current}";
        return (kind, progress.HolderKind == LoadHolder.CommandLine ? "请等它结束后再运行。" : HostAdvice(ownCommand));
    }

    private static (string Kind, string Advice) Kind(string[] arguments, string ownCommand)
    {
        if (arguments.Any(a => a.Contains("Analytics.Dashboard", StringComparison.Ordinal)))
        {
            return ("主机 ./run", HostAdvice(ownCommand));
        }

        var tool = Array.FindIndex(arguments, a => Path.GetFileName(a) is "analytics.dll" or "analytics");
        if (tool < 0)
        {
            return (arguments.Length == 0 ? "未知进程" : $"进程 {Path.GetFileName(arguments[0])}", "请先结束该进程。");
        }

        var command = arguments.Skip(tool + 1).TakeWhile(a => !a.StartsWith('-')).Take(2).ToArray();
        return command switch
        {
            ["etl", "run", ..] => ("另一个命令行装载 etl run", "请等它结束后再运行。"),
            ["sql", ..] when arguments.Contains("--read-only") => ("只读的命令行 SQL 会话 sql --read-only", "请等查询结束后再运行。"),
            ["sql", ..] => ("命令行 SQL 会话 sql", "请等查询结束后再运行。"),
            [_, ..] => ($"命令行 {string.Join(' ', command)}", "请等它结束后再运行。"),
            _ => ("命令行工具", "请等它结束后再运行。"),
        };
    }

    /// <summary>What to do instead while the host holds the file: its page for the same work, or stopping it.</summary>
    private static string HostAdvice(string ownCommand) => ownCommand switch
    {
        // Not a load in progress: the host keeps the file open while idle, so the advice is where to read the same records.
        "etl status" => "主机运行时一直占用仓库文件，空闲时也是如此，这不表示正在装载。装载记录与装载完整性请在主机的“运维管理”页面（/admin）查看，" +
            "或在 SQL 控制台（/analyst/sql，仓库的只读副本）查询 etl_run；要装载请在“调度任务”页面（/admin/jobs）点“立即运行”；" +
            "要用本命令，请先停止主机（Ctrl+C）。",
        "etl" => "请在主机的“调度任务”页面（/admin/jobs）点“立即运行”装载，或先停止主机（Ctrl+C）再用命令行装载。",
        "report" => "主机装载完一个季度后会自动生成该季度的简报；也可在“简报”页面（/leader/briefings）点“生成简报”，PDF 在该页下载。如需把 PDF 写到文件夹，请先停止主机（Ctrl+C）再运行本命令。",
        "judge" => "请在主机的“视情给分”页面（/evaluator）录入，或先停止主机（Ctrl+C）再用命令行录入。",
        "findings" => "请在主机的“视情给分”页面（/evaluator）的督查发现台账中录入，或先停止主机（Ctrl+C）再用命令行录入。",
        "sql" or "score" or "anomalies" or "export" => "主机运行时可在 SQL 控制台（/analyst/sql）查询，或先停止主机（Ctrl+C）再运行本命令。",
        _ => "请先停止主机（Ctrl+C）再运行本命令。",
    };

    /// <summary>
    /// The command of this process's own command line: its first word ("report" of "analytics report --db …"), or both
    /// words for `etl status`, which only reads.
    /// </summary>
    private static string OwnCommand(string[] arguments)
    {
        var tool = Array.FindIndex(arguments, a => Path.GetFileName(a) is "analytics.dll" or "analytics");
        return arguments.Skip(tool + 1).TakeWhile(a => !a.StartsWith('-')).Take(2).ToArray() switch
        {
            ["etl", "status"] => "etl status",
            [var first, ..] => first,
            _ => "",
        };
    }

    private static string[] CommandLineOf(string pid)
    {
        try
        {
            return File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
