using System.Globalization;

namespace Analytics.Cli.Commands;

/// <summary>Names the kind of process that holds the warehouse lock, from DuckDB's message and the holder's command line.</summary>
internal static class LockHolder
{
    /// <summary>The Chinese message for a lock conflict, or null when <paramref name="message"/> is not one.</summary>
    // DuckDB: "Could not set lock on file ...: Conflicting lock is held in /usr/bin/dotnet (PID 1234)".
    public static string? Describe(string message)
    {
        if (!message.Contains("Could not set lock", StringComparison.Ordinal))
        {
            return null;
        }

        var at = message.IndexOf("(PID", StringComparison.Ordinal);
        var pid = at < 0 ? null : message[(at + 5)..].Split(')')[0].Trim();
        var (kind, advice) = Kind(pid is null ? [] : CommandLineOf(pid));
        var holder = pid is null ? kind : $"{kind}，PID {pid}";
        return $"数据库文件正被另一个进程使用（{holder}）。{advice}(the warehouse is locked by another process; nothing was changed)";
    }

    private static (string Kind, string Advice) Kind(string[] arguments)
    {
        if (arguments.Any(a => a.Contains("Analytics.Dashboard", StringComparison.Ordinal)))
        {
            return ("主机 ./run", "请在主机的管理页面触发装载，或先停止主机再用命令行装载。");
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
