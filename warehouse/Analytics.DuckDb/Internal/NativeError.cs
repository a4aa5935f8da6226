using DuckDB.NET.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>DuckDB's message and error type of a failed native call, to become a <c>DuckDBException</c>.</summary>
internal sealed record NativeError(string Message, DuckDBErrorType Type);
