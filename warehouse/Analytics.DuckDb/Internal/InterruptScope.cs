namespace Analytics.DuckDb.Internal;

/// <summary>
/// Interrupts the connection's running query when the token is cancelled or the timeout passes,
/// and remembers which of the two happened so that the failure becomes OperationCanceledException.
/// Lives as long as the query runs (for a reader: until the reader closes).
/// </summary>
internal sealed class InterruptScope : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly CancellationTokenRegistration _registration;
    private readonly Timer? _timer;
    private readonly int _timeoutSeconds;
    private readonly object _gate = new();
    private int _reason; // 0 none, 1 cancelled, 2 timed out
    private bool _disposed;

    public InterruptScope(DuckDbConnection connection, int timeoutSeconds, CancellationToken token)
    {
        _connection = connection;
        _timeoutSeconds = timeoutSeconds;
        Token = token;
        token.ThrowIfCancellationRequested();
        if (token.CanBeCanceled)
        {
            _registration = token.Register(static state => ((InterruptScope)state!).Fire(1), this);
        }

        if (timeoutSeconds > 0)
        {
            _timer = new Timer(static state => ((InterruptScope)state!).Fire(2), this, TimeSpan.FromSeconds(timeoutSeconds), Timeout.InfiniteTimeSpan);
        }
    }

    public CancellationToken Token { get; }

    public bool Interrupted => Volatile.Read(ref _reason) != 0;

    private void Fire(int reason)
    {
        // Under the gate so that a timer callback already on its way cannot interrupt the
        // connection's next query after this one finished (Timer.Dispose does not wait for it).
        lock (_gate)
        {
            if (!_disposed && Interlocked.CompareExchange(ref _reason, reason, 0) == 0)
            {
                _connection.Interrupt();
            }
        }
    }

    /// <summary>Throws OperationCanceledException if this scope interrupted the query.</summary>
    public void ThrowIfInterrupted(Exception? cause = null)
    {
        switch (Volatile.Read(ref _reason))
        {
            case 1:
                throw new OperationCanceledException("The DuckDB query was cancelled.", cause, Token);
            case 2:
                throw new OperationCanceledException($"The DuckDB query was interrupted after the command timeout of {_timeoutSeconds} s.", cause);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _registration.Dispose();
        _timer?.Dispose();
    }
}
