using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>One prepared statement of a command, with its placeholder names; executed many times.</summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly PreparedStatementHandle _handle;

    private PreparedStatement(PreparedStatementHandle handle, string[] placeholderNames)
    {
        _handle = handle;
        PlaceholderNames = placeholderNames;
    }

    public string[] PlaceholderNames { get; }

    /// <summary>The kind of statement DuckDB prepared (SELECT, COPY, ATTACH …), decided by its own parser and transformer.</summary>
    public DuckDbStatementType StatementType => (DuckDbStatementType)NativeMethods.PreparedStatementType(_handle);

    /// <summary>Prepares statement <paramref name="index"/> of an extracted command text.</summary>
    public static PreparedStatement Prepare(ConnectionHandle connection, ExtractedStatementsHandle extracted, ulong index)
    {
        var handle = new PreparedStatementHandle();
        var state = NativeMethods.PrepareExtractedStatement(connection, extracted, index, out var pointer);
        handle.Adopt(pointer);
        if (state != DuckDbState.Success)
        {
            var error = handle.IsInvalid ? null : NativeMethods.ReadString(NativeMethods.PrepareError(handle));
            handle.Dispose();
            ThrowHelper.ThrowDuckDb(error, "DuckDB could not prepare the statement.");
        }

        return new PreparedStatement(handle, ReadPlaceholderNames(handle));
    }

    private static string[] ReadPlaceholderNames(PreparedStatementHandle handle)
    {
        var count = (int)NativeMethods.ParameterCount(handle);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = NativeMethods.ReadAndFreeString(NativeMethods.ParameterName(handle, (ulong)(i + 1))) ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }

    public void Bind(DuckDbParameterCollection parameters, bool requireExactCount) =>
        ParameterBinder.Bind(_handle, PlaceholderNames, parameters, requireExactCount);

    /// <summary>Runs the statement; a streaming result is produced chunk by chunk as it is read.</summary>
    public ResultHandle Execute(bool streaming, InterruptScope scope)
    {
        using var pending = new PendingResultHandle();
        var state = streaming
            ? NativeMethods.PendingPreparedStreaming(_handle, out var pendingPointer)
            : NativeMethods.PendingPrepared(_handle, out pendingPointer);
        pending.Adopt(pendingPointer);
        if (state != DuckDbState.Success)
        {
            var error = NativeMethods.ReadString(NativeMethods.PendingError(pending))
                ?? NativeMethods.ReadString(NativeMethods.PrepareError(_handle));
            scope.ThrowIfInterrupted();
            ThrowHelper.ThrowDuckDb(error, "DuckDB could not start the statement.");
        }

        var result = ResultHandle.Allocate();
        if (NativeMethods.ExecutePending(pending, result.DangerousGetHandle()) != DuckDbState.Success)
        {
            var error = NativeMethods.ReadString(NativeMethods.ResultError(result.DangerousGetHandle()))
                ?? NativeMethods.ReadString(NativeMethods.PendingError(pending));
            result.Dispose();
            scope.ThrowIfInterrupted(new DuckDbException(error ?? "Interrupted"));
            ThrowHelper.ThrowDuckDb(error, "DuckDB failed to execute the statement.");
        }

        return result;
    }

    public void Dispose() => _handle.Dispose();
}
