using Analytics.DuckDb.Native;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using NativeMethods = Analytics.DuckDb.Native.NativeMethods;

namespace Analytics.DuckDb.Internal;

/// <summary>One statement run straight on DuckDB.NET's native connection, its error kept with DuckDB's error type.</summary>
internal static class NativeQuery
{
    /// <summary>Runs one statement; DuckDB's error, or null on success.</summary>
    public static NativeError? TryQuery(DuckDBNativeConnection connection, string sql)
    {
        using var result = ResultHandle.Allocate();
        if (NativeMethods.Query(connection, sql, result.DangerousGetHandle()) == DuckDbState.Success)
        {
            return null;
        }

        return new NativeError(
            NativeMethods.ReadString(NativeMethods.ResultError(result.DangerousGetHandle())) ?? $"DuckDB could not run: {sql}",
            NativeMethods.ResultErrorType(result.DangerousGetHandle()));
    }

    /// <summary>
    /// Whether the connection has a transaction open. DuckDB.NET keeps that to itself, and a probing BEGIN would abort an
    /// open transaction; in auto-commit mode every statement is a transaction of its own, so two successive statements get
    /// different transaction ids only then.
    /// </summary>
    public static bool InTransaction(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT txid_current()";
        var first = command.ExecuteScalar();
        return Equals(first, command.ExecuteScalar());
    }

    /// <summary>Begins a transaction unless the connection has one open; true when it began one (the caller ends it).</summary>
    public static bool BeginUnlessInTransaction(DuckDBConnection connection)
    {
        if (InTransaction(connection))
        {
            return false;
        }

        if (TryQuery(connection.NativeConnection, "BEGIN TRANSACTION") is { } error)
        {
            throw ThrowHelper.DuckDb(error);
        }

        return true;
    }
}
