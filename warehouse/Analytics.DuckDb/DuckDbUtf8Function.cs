namespace Analytics.DuckDb;

/// <summary>
/// A scalar SQL function from VARCHAR to VARCHAR over UTF-8 bytes: write the result into
/// <paramref name="output"/> and return its length, or return -1 for NULL. DuckDB calls it from its
/// worker threads, so it must be thread-safe; NULL inputs give NULL without a call.
/// </summary>
public delegate int DuckDbUtf8Function(ReadOnlySpan<byte> input, Span<byte> output);
