namespace Analytics.Etl.Loading;

/// <summary>Checks on the warehouse's path made before anything is read or loaded.</summary>
public static class WarehouseLocation
{
    /// <summary>
    /// A load needs an existing folder it may write in (a mistyped path must not create folders and a new warehouse) and,
    /// when the file exists, a file it may write; checked first, so no feed-quarter is processed only to fail at commit.
    /// </summary>
    public static void RequireWritable(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw new EtlException($"仓库目录不存在：{folder}（不会自动创建，请检查 --db 的路径）(warehouse folder not found)。");
        }

        var probe = Path.Combine(folder, $".write-probe-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new EtlException($"仓库目录或文件不可写：{path}，未处理任何 数据源·季度 (warehouse not writable: {ex.Message})。", ex);
        }
    }
}
