using DuckDB.NET.Data;

namespace Analytics.DuckDb;

/// <summary>
/// A wall-clock limit on a command or a connection. DuckDB.NET keeps <c>CommandTimeout</c> but never acts on it; its
/// <see cref="DuckDBCommand.Cancel"/> interrupts the running query (surfacing as <see cref="OperationCanceledException"/>).
/// </summary>
public static class DuckDbCommandExtensions
{
    /// <summary>
    /// Interrupts the command's query if it still runs after <paramref name="seconds"/> (0 or less: never). Dispose the
    /// result when the command is done, so a late interrupt cannot reach the connection's next query.
    /// </summary>
    public static IDisposable InterruptAfter(this DuckDBCommand command, int seconds) =>
        seconds <= 0
            ? NoLimit.Instance
            : new Timer(_ => command.Cancel(), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Interrupts whatever query runs on the connection after <paramref name="seconds"/> (0 or less: never), for statements
    /// run through <see cref="DuckDbConnectionExtensions.RunStatementsWhile"/>; the interrupted statement throws
    /// <see cref="DuckDBException"/> with <c>ErrorType</c> <see cref="DuckDB.NET.Native.DuckDBErrorType.Interrupt"/>.
    /// </summary>
    public static IDisposable InterruptAfter(this DuckDBConnection connection, int seconds) =>
        seconds <= 0
            ? NoLimit.Instance
            : new Timer(_ => connection.NativeConnection.Interrupt(), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);

    /// <summary>What a limit of 0 returns: nothing to stop.</summary>
    private sealed class NoLimit : IDisposable
    {
        public static readonly NoLimit Instance = new();

        public void Dispose()
        {
        }
    }
}
