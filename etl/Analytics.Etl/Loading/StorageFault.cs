using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Etl.Loading;

/// <summary>Tells DuckDB errors of the file itself (damaged, unwritable) from errors of one load's data or SQL.</summary>
public static class StorageFault
{
    // DuckDB's words: "Corrupt database file: computed checksum … does not match stored checksum", "IO Error: Could not
    // write file … No space left on device", "FATAL Error: … database has been invalidated", and a failed commit
    // ("TransactionContext Error: Failed to commit: Could not write file … File too large").
    private static readonly string[] Markers = ["checksum", "Corrupt", "IO Error", "FATAL", "invalidated", "Serialization Error", "Could not write file"];

    // A lock held by another process is an IO Error too, but the file is sound.
    public static bool Is(Exception exception) =>
        exception is DuckDBException && !exception.Message.Contains("Could not set lock", StringComparison.Ordinal)
        && Markers.Any(m => exception.Message.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>The Chinese message for a storage fault during <paramref name="what"/>.</summary>
    public static string Message(string what, Exception exception) =>
        $"{what}：仓库文件损坏或无法写入，已停止装载，之后不再向该文件提交任何数据；请检查磁盘并从备份恢复仓库文件后重试 (warehouse storage fault: {exception.Message})。";
}
