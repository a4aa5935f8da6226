using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>
/// The statements of one command text: split once, and each prepared just before it first runs,
/// because a later statement may use a table that an earlier one creates (preparing them all up
/// front fails with a Catalog Error). Prepared statements are kept for the next execution.
/// </summary>
internal sealed class StatementBatch : IDisposable
{
    private readonly ExtractedStatementsHandle _extracted;
    private readonly PreparedStatement?[] _statements;

    private StatementBatch(ExtractedStatementsHandle extracted, int count)
    {
        _extracted = extracted;
        _statements = new PreparedStatement?[count];
    }

    public int Count => _statements.Length;

    /// <summary>Splits a command text into its statements without preparing them yet.</summary>
    public static StatementBatch Extract(ConnectionHandle connection, string commandText)
    {
        var extracted = new ExtractedStatementsHandle();
        try
        {
            var count = NativeMethods.ExtractStatements(connection, commandText, out var extractedPointer);
            extracted.Adopt(extractedPointer);
            if (count == 0)
            {
                var error = extracted.IsInvalid ? null : NativeMethods.ReadString(NativeMethods.ExtractStatementsError(extracted));
                ThrowHelper.ThrowDuckDb(error, "The command text contains no SQL statement.");
            }

            return new StatementBatch(extracted, (int)count);
        }
        catch
        {
            extracted.Dispose();
            throw;
        }
    }

    /// <summary>Statement <paramref name="index"/>, prepared now if this is its first use.</summary>
    public PreparedStatement Get(ConnectionHandle connection, int index) =>
        _statements[index] ??= PreparedStatement.Prepare(connection, _extracted, (ulong)index);

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement?.Dispose();
        }

        Array.Clear(_statements);
        _extracted.Dispose();
    }
}
