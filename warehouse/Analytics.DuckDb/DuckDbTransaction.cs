using System.Data;
using System.Data.Common;

namespace Analytics.DuckDb;

/// <summary>
/// A DuckDB transaction (snapshot isolation, DuckDB's only level). Disposing it without Commit rolls back.
/// </summary>
public sealed class DuckDbTransaction : DbTransaction
{
    private DuckDbConnection? _connection;

    internal DuckDbTransaction(DuckDbConnection connection, IsolationLevel isolationLevel)
    {
        _connection = connection;
        IsolationLevel = isolationLevel;
        connection.ExecuteInternal("BEGIN TRANSACTION");
    }

    public override IsolationLevel IsolationLevel { get; }

    protected override DbConnection? DbConnection => _connection;

    /// <summary>True until the transaction commits, rolls back, or its connection closes.</summary>
    public bool IsActive => _connection is not null;

    /// <summary>
    /// Commits. If a statement failed inside the transaction, DuckDB has aborted it and would turn
    /// COMMIT silently into ROLLBACK; this rolls back and throws instead, so no loss goes unnoticed.
    /// </summary>
    public override void Commit()
    {
        var connection = Active;
        try
        {
            // Any statement fails in an aborted transaction; this one is cheap and changes nothing.
            connection.ExecuteInternal("SELECT 1");
        }
        catch (DuckDbException error) when (error.Message.Contains("transaction is aborted", StringComparison.OrdinalIgnoreCase))
        {
            Finish("ROLLBACK");
            throw new DuckDbException("The transaction was rolled back, not committed: a statement in it failed. " + error.Message, error);
        }

        Finish("COMMIT");
    }

    public override void Rollback() => Finish("ROLLBACK");

    private DuckDbConnection Active =>
        _connection ?? throw new InvalidOperationException("The transaction has already been committed or rolled back.");

    private void Finish(string sql)
    {
        var connection = Active;
        try
        {
            connection.ExecuteInternal(sql);
        }
        catch (DuckDbException)
        {
            // DuckDB ends a transaction whose COMMIT fails (e.g. a write conflict): it is over either way.
            End(connection);
            throw;
        }

        // Other failures (a reader still open, the connection in use) ran nothing: the transaction stays active.
        End(connection);
    }

    private void End(DuckDbConnection connection)
    {
        _connection = null;
        connection.EndTransaction(this);
    }

    /// <summary>Called when the connection closes: DuckDB rolls back an open transaction itself.</summary>
    internal void Abandon() => _connection = null;

    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { State: ConnectionState.Open })
        {
            Rollback();
        }

        base.Dispose(disposing);
    }
}
