using Analytics.DuckDb;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.Etl.Loading;

/// <summary>Tells DuckDB errors of the file itself (damaged, unwritable) from errors of one load's data or SQL.</summary>
public static class StorageFault
{
    // By DuckDB's error type (DuckDbErrors reads it also where DuckDB.NET gives Invalid, as for a file that cannot be
    // opened): IO ("Corrupt database file: computed checksum … does not match stored checksum", "Could not write file …
    // No space left on device"), FATAL ("database has been invalidated"), Serialization (unreadable storage), and a
    // commit that could not write the file. A lock held by another process is an IO error too, but the file is sound.
    public static bool Is(Exception exception) =>
        exception is DuckDBException error && error.LockConflictOf() is null
        && (error.TypeOf() is DuckDBErrorType.Io or DuckDBErrorType.Fatal or DuckDBErrorType.Serialization || error.IsFailedCommitWrite());

    /// <summary>The Chinese message for a storage fault during <paramref name="what"/>.</summary>
    public static string Message(string what, Exception exception) =>
        $"{what}：仓库文件损坏或无法写入，已停止装载，之后不再向该文件提交任何数据；请检查磁盘并从备份恢复仓库文件后重试 (warehouse storage fault: {exception.Message})。";
}
