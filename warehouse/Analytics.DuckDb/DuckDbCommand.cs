using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Analytics.DuckDb.Internal;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb;

/// <summary>
/// A SQL command. The text may hold several statements; all run in order and the last one's rows
/// are returned. Statements are prepared once and reused while the text and connection stay the same.
/// </summary>
public sealed class DuckDbCommand : DbCommand
{
    private DuckDbConnection? _connection;
    private string _commandText = string.Empty;
    private StatementBatch? _prepared;
    private long _preparedGeneration;
    private bool _disposed;

    public DuckDbCommand()
    {
    }

    public DuckDbCommand(string commandText, DuckDbConnection? connection = null)
    {
        _commandText = commandText;
        _connection = connection;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set
        {
            if (!string.Equals(_commandText, value, StringComparison.Ordinal))
            {
                ReleasePrepared();
            }

            _commandText = value ?? string.Empty;
        }
    }

    /// <summary>Seconds before the running query is interrupted; 0 (the default) means no limit.</summary>
    public override int CommandTimeout { get; set; }

    /// <summary>
    /// Called with each statement's index, the statement count and its type as DuckDB prepared it, just before the
    /// statement runs (after the earlier ones ran, so it sees what they created); an exception it throws stops the command
    /// there. A caller that must decide by the engine's view of each statement, not by the text, sets it.
    /// </summary>
    public Action<int, int, DuckDbStatementType>? StatementCheck { get; set; }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("DuckDB commands are SQL text only.");
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }

    public new DuckDbConnection? Connection
    {
        get => _connection;
        set
        {
            if (!ReferenceEquals(_connection, value))
            {
                ReleasePrepared();
            }

            _connection = value;
        }
    }

    protected override DbConnection? DbConnection
    {
        get => Connection;
        set => Connection = (DuckDbConnection?)value;
    }

    public new DuckDbParameterCollection Parameters { get; } = new();

    public new DuckDbParameter CreateParameter() => new();

    protected override DbParameter CreateDbParameter() => CreateParameter();
    protected override DbParameterCollection DbParameterCollection => Parameters;

    public new DuckDbTransaction? Transaction { get; set; }

    protected override DbTransaction? DbTransaction
    {
        get => Transaction;
        set => Transaction = (DuckDbTransaction?)value;
    }

    /// <summary>
    /// Interrupts the command running on this command's connection, from any thread. The running
    /// call then fails with DuckDB's "INTERRUPT Error" (a <see cref="DuckDbException"/>); use a
    /// CancellationToken instead to get an OperationCanceledException.
    /// </summary>
    public override void Cancel() => _connection?.Interrupt();

    /// <summary>
    /// Splits the text into statements and prepares the first now; later executions reuse them.
    /// Further statements of a multi-statement text are prepared when they first run, since they
    /// may depend on what the earlier ones create.
    /// </summary>
    public override void Prepare()
    {
        var connection = BeginCommand();
        try
        {
            EnsurePrepared(connection).Get(connection.NativeHandle, 0);
        }
        finally
        {
            connection.EndCommand();
        }
    }

    public override int ExecuteNonQuery() => ExecuteNonQueryCore(CancellationToken.None);

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Task.Run(() => ExecuteNonQueryCore(cancellationToken), CancellationToken.None);

    public override object? ExecuteScalar() => ExecuteScalarCore(CancellationToken.None);

    // DbCommand's default ExecuteScalarAsync calls Cancel() on cancellation, which surfaces as a
    // DuckDbException; going through our token path gives OperationCanceledException instead.
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Task.Run(() => ExecuteScalarCore(cancellationToken), CancellationToken.None);

    private object? ExecuteScalarCore(CancellationToken cancellationToken)
    {
        using var reader = ExecuteReaderCore(CommandBehavior.Default, cancellationToken);
        return reader.Read() ? reader.GetValue(0) : null;
    }

    public new DuckDbDataReader ExecuteReader() => (DuckDbDataReader)ExecuteDbDataReader(CommandBehavior.Default);

    public new DuckDbDataReader ExecuteReader(CommandBehavior behavior) => (DuckDbDataReader)ExecuteDbDataReader(behavior);

    /// <summary>Runs the command and returns a reader; the token interrupts the query while it runs or is read.</summary>
    public DuckDbDataReader ExecuteReader(CancellationToken cancellationToken) =>
        ExecuteReaderCore(CommandBehavior.Default, cancellationToken);

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        ExecuteReaderCore(behavior, CancellationToken.None);

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        Task.Run<DbDataReader>(() => ExecuteReaderCore(behavior, cancellationToken), CancellationToken.None);

    private int ExecuteNonQueryCore(CancellationToken cancellationToken)
    {
        var connection = BeginCommand();
        try
        {
            var statements = EnsurePrepared(connection);
            using var scope = new InterruptScope(connection, CommandTimeout, cancellationToken);
            var affected = 0;
            var anyChanges = false;
            for (var i = 0; i < statements.Count; i++)
            {
                var statement = statements.Get(connection.NativeHandle, i);
                StatementCheck?.Invoke(i, statements.Count, statement.StatementType);
                statement.Bind(Parameters, requireExactCount: statements.Count == 1);
                using var result = statement.Execute(streaming: false, scope);
                if (NativeMethods.ResultReturnType(result.Value) == DuckDbResultType.ChangedRows)
                {
                    affected += (int)NativeMethods.RowsChanged(result.DangerousGetHandle());
                    anyChanges = true;
                }
            }

            return anyChanges ? affected : -1;
        }
        finally
        {
            connection.EndCommand();
        }
    }

    private DuckDbDataReader ExecuteReaderCore(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var connection = BeginCommand();
        InterruptScope? scope = null;
        try
        {
            var statements = EnsurePrepared(connection);
            scope = new InterruptScope(connection, CommandTimeout, cancellationToken);
            for (var i = 0; i < statements.Count - 1; i++)
            {
                var statement = statements.Get(connection.NativeHandle, i);
                StatementCheck?.Invoke(i, statements.Count, statement.StatementType);
                statement.Bind(Parameters, requireExactCount: false);
                statement.Execute(streaming: false, scope).Dispose();
            }

            var last = statements.Get(connection.NativeHandle, statements.Count - 1);
            StatementCheck?.Invoke(statements.Count - 1, statements.Count, last.StatementType);
            last.Bind(Parameters, requireExactCount: statements.Count == 1);
            var result = last.Execute(streaming: true, scope);
            return new DuckDbDataReader(connection, result, scope, behavior);
        }
        catch
        {
            scope?.Dispose();
            connection.EndCommand();
            throw;
        }
    }

    /// <summary>
    /// Claims the connection for this command before touching native state: preparing on a
    /// connection that another thread is using would abort that thread's query inside DuckDB.
    /// </summary>
    private DuckDbConnection BeginCommand()
    {
        if (_disposed)
        {
            ThrowHelper.ThrowDisposed(nameof(DuckDbCommand));
        }

        var connection = _connection ?? throw new InvalidOperationException("The command has no connection.");
        connection.BeginCommand();
        return connection;
    }

    private StatementBatch EnsurePrepared(DuckDbConnection connection)
    {
        if (_prepared is not null && connection.Generation == _preparedGeneration)
        {
            return _prepared;
        }

        ReleasePrepared();
        if (string.IsNullOrWhiteSpace(_commandText))
        {
            throw new InvalidOperationException("The command text is empty.");
        }

        _prepared = StatementBatch.Extract(connection.NativeHandle, _commandText);
        _preparedGeneration = connection.Generation;
        return _prepared;
    }

    private void ReleasePrepared()
    {
        _prepared?.Dispose();
        _prepared = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            ReleasePrepared();
            _disposed = true;
        }

        base.Dispose(disposing);
    }
}
