using Analytics.Warehouse;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// The cause of a failed load in Chinese, for the jobs page, the log and 装载记录. Our own exceptions already speak
/// Chinese; the framework's are named by kind, with their own message kept for the operator.
/// </summary>
public static class JobFailure
{
    public static string Describe(Exception ex) => ex switch
    {
        EtlException or WarehouseConfigurationException => ex.Message,
        DirectoryNotFoundException => $"装载失败：找不到文件夹（{ex.Message}）。",
        FileNotFoundException file => $"装载失败：找不到文件 {file.FileName}。",
        UnauthorizedAccessException => $"装载失败：没有读写权限（{ex.Message}）。",
        IOException => $"装载失败：读写文件出错（{ex.Message}）。",
        Analytics.DuckDb.DuckDbException => $"装载失败：数据仓库出错（{ex.Message}）。",
        _ => $"装载失败：程序出错（{ex.GetType().Name}：{ex.Message}）。",
    };
}
