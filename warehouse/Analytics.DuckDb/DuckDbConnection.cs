using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Analytics.DuckDb.Internal;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb;

/// <summary>
/// A connection to a DuckDB database file or to a private in-memory database.
/// </summary>
/// <remarks>
/// Thread safety: a connection runs one command at a time and is not thread-safe, except
/// <see cref="DbCommand.Cancel"/>, which may be called from any thread. Open one connection per
/// thread: connections to the same file share one database instance in this process and see each
/// other's committed data (DuckDB's MVCC). Another process may not write the same file meanwhile;
/// several read-only processes may read it.
/// </remarks>
public sealed class DuckDbConnection : DbConnection
{
    private string _connectionString = string.Empty;
    private SharedDatabase? _database;
    private ConnectionHandle? _native;
    private DuckDbTransaction? _transaction;
    private DuckDbDataReader? _openReader;
    private int _busy;
    private readonly object _closeGate = new();
    private Internal.Appending.AppendStream? _appendStream;
    private bool _disposed;

    public DuckDbConnection()
    {
    }

    public DuckDbConnection(string connectionString)
    {
        _connectionString = connectionString;
    }

    /// <summary>The version of the native DuckDB library, e.g. "v1.5.6".</summary>
    public static string LibraryVersion
    {
        get
        {
            NativeMethods.EnsureLoaded();
            return NativeMethods.ReadString(NativeMethods.LibraryVersion()) ?? "unknown";
        }
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (State != ConnectionState.Closed)
            {
                throw new InvalidOperationException("The connection string cannot change while the connection is open.");
            }

            _connectionString = value ?? string.Empty;
        }
    }

    public override string Database => "main";
    public override string DataSource => new DuckDbConnectionStringBuilder(_connectionString).DataSource;
    public override string ServerVersion => LibraryVersion;
    public override ConnectionState State => _native is null ? ConnectionState.Closed : ConnectionState.Open;

    /// <summary>Bumped at each Open, so commands know their prepared statements belong to an old session.</summary>
    internal long Generation { get; private set; }

    internal ConnectionHandle NativeHandle
    {
        get
        {
            if (_disposed)
            {
                ThrowHelper.ThrowDisposed(nameof(DuckDbConnection));
            }

            return _native ?? throw new InvalidOperationException("The connection is not open.");
        }
    }

    public override void Open()
    {
        if (_disposed)
        {
            ThrowHelper.ThrowDisposed(nameof(DuckDbConnection));
        }

        if (_native is not null)
        {
            throw new InvalidOperationException("The connection is already open.");
        }

        var builder = new DuckDbConnectionStringBuilder(_connectionString);
        var database = DatabaseRegistry.Acquire(builder.DataSource, builder.GetDuckDbOptions());
        var native = new ConnectionHandle();
        if (NativeMethods.Connect(database.Handle, out var pointer) != DuckDbState.Success)
        {
            DatabaseRegistry.Release(database);
            throw new DuckDbException($"DuckDB could not connect to '{builder.DataSource}'.");
        }

        native.Adopt(pointer);
        _database = database;
        _native = native;
        Generation++;
        OnStateChange(new StateChangeEventArgs(ConnectionState.Closed, ConnectionState.Open));
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Open();
        return Task.CompletedTask;
    }

    public override void Close()
    {
        // A host may dispose a connection from two shutdown paths at once; one of them closes it.
        lock (_closeGate)
        {
            CloseCore();
        }
    }

    private void CloseCore()
    {
        if (_native is null)
        {
            return;
        }

        if (_appendStream is { } stream)
        {
            // Its INSERT runs on another thread and must stop before the native connection goes.
            _appendStream = null;
            stream.Abandon();
            Volatile.Write(ref _busy, 0);
        }

        _openReader?.Close();
        _transaction?.Abandon();
        _transaction = null;
        _native.Dispose();
        _native = null;
        DatabaseRegistry.Release(_database!);
        _database = null;
        OnStateChange(new StateChangeEventArgs(ConnectionState.Open, ConnectionState.Closed));
    }

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("A DuckDB connection has one database; use ATTACH and qualified names instead.");

    public new DuckDbTransaction BeginTransaction() => (DuckDbTransaction)BeginDbTransaction(IsolationLevel.Unspecified);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        _ = NativeHandle;
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already active on this connection; DuckDB has no nested transactions.");
        }

        if (isolationLevel is not (IsolationLevel.Unspecified or IsolationLevel.Snapshot or IsolationLevel.Serializable))
        {
            throw new NotSupportedException($"DuckDB provides snapshot isolation only, not {isolationLevel}.");
        }

        _transaction = new DuckDbTransaction(this, isolationLevel == IsolationLevel.Unspecified ? IsolationLevel.Snapshot : isolationLevel);
        return _transaction;
    }

    public new DuckDbCommand CreateCommand() => new() { Connection = this, Transaction = _transaction };

    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <summary>Creates a bulk appender for a table (optionally schema-qualified).</summary>
    public DuckDbAppender CreateAppender(string table) => new(this, schema: null, table);

    public DuckDbAppender CreateAppender(string schema, string table) => new(this, schema, table);

    private static readonly object RegistrationGate = new();

    /// <summary>
    /// Registers the function unless this database already has a function of that name (registered by another
    /// connection, or earlier); true when it registered. Connections on several threads may call it at once.
    /// </summary>
    public bool RegisterFunctionIfAbsent(string name, int maxOutputBytes, DuckDbUtf8Function function)
    {
        lock (RegistrationGate)
        {
            // A committed registration is known without asking duckdb_functions(), which lists every function.
            _ = NativeHandle;
            var committed = _database!.CommittedFunctions;
            if (committed.Contains(name))
            {
                return false;
            }

            using var probe = CreateCommand();
            probe.CommandText = "SELECT count(*) FROM duckdb_functions() WHERE function_name = $1";
            probe.Parameters.AddValue(name);
            var present = Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
            if (!present)
            {
                RegisterFunction(name, maxOutputBytes, function);
            }

            // Inside a transaction the registration (this one or one it made earlier) is undone by a rollback.
            if (!InTransaction)
            {
                committed.Add(name);
            }

            return !present;
        }
    }

    /// <summary>
    /// Registers a VARCHAR → VARCHAR scalar function implemented in .NET, usable in SQL as
    /// <c>name(x)</c> from every connection of this database until it closes. Results are at most
    /// <c>maxOutputBytes</c> (≤ 1024) UTF-8 bytes.
    /// </summary>
    public void RegisterFunction(string name, int maxOutputBytes, DuckDbUtf8Function function)
    {
        if (_transaction is not null)
        {
            Utf8ScalarFunction.Register(NativeHandle, name, maxOutputBytes, function);
            return;
        }

        // In auto-commit mode a registration made right after another query was not kept (seen with
        // DuckDB 1.5.6); an explicit transaction makes it durable for the database instance.
        ExecuteInternal("BEGIN TRANSACTION");
        try
        {
            Utf8ScalarFunction.Register(NativeHandle, name, maxOutputBytes, function);
            ExecuteInternal("COMMIT");
        }
        catch
        {
            ExecuteInternal("ROLLBACK");
            throw;
        }
    }

    /// <summary>
    /// How many SQL statements DuckDB's own parser finds in <paramref name="commandText"/>, without preparing or running
    /// any of them; a text DuckDB cannot parse throws <see cref="DuckDbException"/> with DuckDB's message.
    /// </summary>
    public int CountStatements(string commandText)
    {
        ArgumentNullException.ThrowIfNull(commandText);
        using var batch = Internal.StatementBatch.Extract(NativeHandle, commandText);
        return batch.Count;
    }

    /// <summary>
    /// The type of every statement of <paramref name="commandText"/>, as DuckDB prepares it, without executing any. Each
    /// statement is prepared (bound) against the current catalog, so a statement that needs a table an earlier one would
    /// create fails here, and binding has what side effects DuckDB's binder has (that of <c>EXPORT DATABASE</c> creates
    /// its folder); a text DuckDB cannot parse or bind throws <see cref="DuckDbException"/> with DuckDB's message.
    /// </summary>
    public IReadOnlyList<DuckDbStatementType> StatementTypes(string commandText)
    {
        ArgumentNullException.ThrowIfNull(commandText);
        using var batch = Internal.StatementBatch.Extract(NativeHandle, commandText);
        var types = new DuckDbStatementType[batch.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = batch.Get(NativeHandle, i).StatementType;
        }

        return types;
    }

    /// <summary>Interrupts the query running on this connection, from any thread.</summary>
    internal void Interrupt()
    {
        var native = _native;
        if (native is null || native.IsClosed)
        {
            return;
        }

        var added = false;
        try
        {
            native.DangerousAddRef(ref added);
            NativeMethods.Interrupt(native);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: nothing is running any more.
        }
        finally
        {
            if (added)
            {
                native.DangerousRelease();
            }
        }
    }

    internal void ExecuteInternal(string sql)
    {
        using var command = new DuckDbCommand(sql, this);
        command.ExecuteNonQuery();
    }

    internal void EndTransaction(DuckDbTransaction transaction)
    {
        if (ReferenceEquals(_transaction, transaction))
        {
            _transaction = null;
        }
    }

    /// <summary>Marks the connection busy for one command; refuses concurrent use and overlapping readers.</summary>
    internal void BeginCommand()
    {
        _ = NativeHandle;
        EnsureNoOpenReader();
        if (_appendStream is { } stream)
        {
            throw new InvalidOperationException($"This connection is writing an appender's rows into {stream.Target}; close the appender (or call its Flush) before running another command.");
        }

        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new InvalidOperationException("The connection is running another command. DuckDbConnection is not thread-safe: open one connection per thread.");
        }
    }

    internal void EndCommand() => Volatile.Write(ref _busy, 0);

    /// <summary>
    /// True inside a transaction, whether begun with BeginTransaction or with SQL (BEGIN). Within one, DuckDB keeps one
    /// transaction id from statement to statement; in auto-commit mode every statement has its own.
    /// </summary>
    internal bool InTransaction => _transaction is not null || TransactionId() == TransactionId();

    private long TransactionId()
    {
        using var command = new DuckDbCommand("SELECT txid_current()", this);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An appender's INSERT now runs on this connection (which it has claimed with BeginCommand).</summary>
    internal void AttachAppendStream(Internal.Appending.AppendStream stream) => _appendStream = stream;

    internal void DetachAppendStream(Internal.Appending.AppendStream stream)
    {
        if (ReferenceEquals(_appendStream, stream))
        {
            _appendStream = null;
        }
    }

    internal void EnsureNoOpenReader()
    {
        if (_openReader is not null)
        {
            throw new InvalidOperationException("This connection has an open DuckDbDataReader; close it before running another command.");
        }
    }

    internal void RegisterReader(DuckDbDataReader reader) => _openReader = reader;

    internal void UnregisterReader(DuckDbDataReader reader)
    {
        if (ReferenceEquals(_openReader, reader))
        {
            _openReader = null;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            Close();
            _disposed = true;
        }

        base.Dispose(disposing);
    }
}
