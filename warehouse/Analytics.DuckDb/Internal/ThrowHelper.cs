using System.Reflection;
using Analytics.DuckDb.Native;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>
/// Turns native failures into DuckDB.NET's <see cref="DuckDBException"/>, so callers catch one type and read one
/// <see cref="DuckDBException.ErrorType"/> whether DuckDB.NET or this extension called DuckDB. DuckDB.NET's constructors
/// are internal; the one taking a message and an error type is looked up once.
/// </summary>
internal static class ThrowHelper
{
    private static readonly ConstructorInfo Constructor = typeof(DuckDBException).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic, [typeof(string), typeof(DuckDBErrorType)])
        ?? throw new MissingMethodException(nameof(DuckDBException), ".ctor(string, DuckDBErrorType)");

    internal static DuckDBException DuckDb(NativeError error) => (DuckDBException)Constructor.Invoke([error.Message, error.Type]);

    internal static DuckDBException DuckDb(string message) => DuckDb(new NativeError(message, DuckDBErrorType.Invalid));

    internal static void CheckState(DuckDbState state, string what)
    {
        if (state != DuckDbState.Success)
        {
            throw DuckDb($"DuckDB failed to {what}.");
        }
    }
}
