using Analytics.DuckDb.Native;
using DuckDB.NET.Native;
using NativeMethods = Analytics.DuckDb.Native.NativeMethods;
using DuckDBNative = DuckDB.NET.Native.NativeMethods;

namespace Analytics.DuckDb.Internal;

/// <summary>The statements of one text as DuckDB's parser splits them (DuckDB.NET's handles; the type query is ours).</summary>
internal sealed class ExtractedStatements : IDisposable
{
    private readonly DuckDBNativeConnection _connection;
    private readonly DuckDBExtractedStatements _extracted;

    private ExtractedStatements(DuckDBNativeConnection connection, DuckDBExtractedStatements extracted, int count)
    {
        _connection = connection;
        _extracted = extracted;
        Count = count;
    }

    public int Count { get; }

    public static ExtractedStatements Extract(DuckDBNativeConnection connection, string commandText)
    {
        ArgumentNullException.ThrowIfNull(commandText);
        var count = DuckDBNative.ExtractStatements.DuckDBExtractStatements(connection, commandText, out var extracted);
        if (count == 0)
        {
            var error = extracted.IsInvalid ? null : DuckDBNative.ExtractStatements.DuckDBExtractStatementsError(extracted);
            extracted.Dispose();
            throw ThrowHelper.DuckDb(new NativeError(string.IsNullOrEmpty(error) ? "The command text contains no SQL statement." : error, DuckDBErrorType.Parser));
        }

        return new ExtractedStatements(connection, extracted, count);
    }

    /// <summary>Prepares (binds) statement <paramref name="index"/> and returns its type; nothing runs.</summary>
    public DuckDBStatementType PreparedType(int index)
    {
        var state = DuckDBNative.ExtractStatements.DuckDBPrepareExtractedStatement(_connection, _extracted, index, out var prepared);
        using (prepared)
        {
            if (state != DuckDBState.Success)
            {
                throw PrepareFailed(prepared, index);
            }

            return NativeMethods.PreparedStatementType(prepared);
        }
    }

    /// <summary>
    /// Prepares statement <paramref name="index"/> and, when <paramref name="proceed"/> accepts its type, runs it (its
    /// rows are dropped); returns the type and whether it ran.
    /// </summary>
    public (DuckDBStatementType Type, bool Ran) RunIf(int index, Func<DuckDBStatementType, bool> proceed)
    {
        var state = DuckDBNative.ExtractStatements.DuckDBPrepareExtractedStatement(_connection, _extracted, index, out var prepared);
        using (prepared)
        {
            if (state != DuckDBState.Success)
            {
                throw PrepareFailed(prepared, index);
            }

            var type = NativeMethods.PreparedStatementType(prepared);
            if (!proceed(type))
            {
                return (type, false);
            }

            var executed = DuckDBNative.PreparedStatements.DuckDBExecutePrepared(prepared, out var result);
            try
            {
                if (executed != DuckDBState.Success)
                {
                    var message = DuckDBNative.Query.DuckDBResultError(ref result);
                    throw ThrowHelper.DuckDb(new NativeError(string.IsNullOrEmpty(message) ? $"DuckDB could not run statement {index + 1}." : message,
                        DuckDBNative.Query.DuckDBResultErrorType(ref result)));
                }
            }
            finally
            {
                DuckDBNative.Query.DuckDBDestroyResult(ref result);
            }

            return (type, true);
        }
    }

    private static Exception PrepareFailed(DuckDBPreparedStatement prepared, int index)
    {
        var error = DuckDBNative.PreparedStatements.DuckDBPrepareError(prepared);
        return ThrowHelper.DuckDb(new NativeError(string.IsNullOrEmpty(error) ? $"DuckDB could not prepare statement {index + 1}." : error, DuckDBErrorType.Invalid));
    }

    public void Dispose() => _extracted.Dispose();
}
