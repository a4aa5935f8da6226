using System.Diagnostics.CodeAnalysis;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>Turns native failures into exceptions in one place, so every message is consistent.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowDuckDb(string? nativeMessage, string fallback) =>
        throw new DuckDbException(string.IsNullOrEmpty(nativeMessage) ? fallback : nativeMessage);

    internal static void CheckState(DuckDbState state, string what)
    {
        if (state != DuckDbState.Success)
        {
            throw new DuckDbException($"DuckDB failed to {what}.");
        }
    }

    [DoesNotReturn]
    internal static void ThrowCanceled(string message, CancellationToken token) =>
        throw new OperationCanceledException(message, token);

    [DoesNotReturn]
    internal static void ThrowClosed(string what) =>
        throw new InvalidOperationException($"{what} requires an open connection; the connection is closed.");

    [DoesNotReturn]
    internal static void ThrowDisposed(string typeName) => throw new ObjectDisposedException(typeName);
}
