using System.Data.Common;

namespace Analytics.DuckDb;

/// <summary>A failed DuckDB call, carrying DuckDB's own message.</summary>
public sealed class DuckDbException : DbException
{
    public DuckDbException(string message) : base(message)
    {
    }

    public DuckDbException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
