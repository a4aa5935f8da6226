using DuckDB.NET.Data;
using Analytics.Sources;
using Analytics.Warehouse;

namespace Analytics.Etl.Loading;

/// <summary>
/// The cause of a failed load in Chinese, for 装载记录 (etl_run), the jobs page, the command line and the log: one wording
/// for the loader and the scheduled job. Our own exceptions already speak Chinese; the framework's are named by kind,
/// with their own message kept for the operator.
/// </summary>
public static class LoadFailure
{
    /// <summary>A failure outside a feed-quarter's load (the job's set-up: its source, its warehouse connection).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        EtlException or WarehouseConfigurationException => ex.Message,
        DirectoryNotFoundException => $"装载失败：找不到文件夹（{ex.Message}）。",
        FileNotFoundException file => $"装载失败：找不到文件 {file.FileName}。",
        UnauthorizedAccessException => $"装载失败：没有读写权限（{ex.Message}）。",
        IOException => $"装载失败：读写文件出错（{ex.Message}）。",
        DuckDBException => $"装载失败：数据仓库出错（{ex.Message}）。",
        _ => $"装载失败：程序出错（{ex.GetType().Name}：{ex.Message}）。",
    };

    /// <summary>A failure inside the load of <paramref name="feed"/> for <paramref name="quarter"/>, rolled back.</summary>
    public static string Describe(string feed, Quarter quarter, Exception ex) => ex switch
    {
        OperationCanceledException => Cancelled(feed, quarter),
        SourceUnavailableException => $"{feed}/{quarter}：{ex.Message}",
        EtlException or WarehouseConfigurationException => ex.Message,
        DuckDBException or InvalidOperationException or IOException => $"{feed}/{quarter}：装载失败，仓库保持不变：{ex.Message}",
        _ => $"{feed}/{quarter}：装载失败，仓库保持不变：程序出错（{ex.GetType().Name}：{ex.Message}）",
    };

    public static string Cancelled(string feed, Quarter quarter) => $"{feed}/{quarter}：装载已取消，仓库保持不变 (cancelled)。";
}
