using System.Diagnostics;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

[Collection(SerialCollection.Name)]
public sealed class CancellationTests : DuckDbTestBase
{
    // Runs for minutes unless interrupted. A sum, not count(*): DuckDB counts range() rows without
    // producing their values, fast enough on a quick machine to finish before a 1 s timeout.
    private const string LongQuery = "SELECT sum(a.range) FROM range(100000000000) a";
    private const string LongJoin = "SELECT count(*) FROM range(100000000) a, range(1000) b WHERE a.range + b.range = -1";

    [Fact]
    public void Cancelling_the_token_of_ExecuteReader_stops_the_query_within_a_second()
    {
        using var command = new DuckDbCommand(LongQuery, Connection);
        var clock = new CancelClock();
        using var cancellation = clock.CancelAfter200Milliseconds();
        var error = Assert.ThrowsAny<OperationCanceledException>(() => command.ExecuteReader(cancellation.Token).Read());
        clock.AssertStoppedWithinASecond();
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(42, Single<int>("SELECT 42"));
    }

    [Fact]
    public async Task Cancelling_the_token_of_ExecuteScalarAsync_stops_a_cross_join_within_a_second()
    {
        await using var command = new DuckDbCommand(LongJoin, Connection);
        var clock = new CancelClock();
        using var cancellation = clock.CancelAfter200Milliseconds();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteScalarAsync(cancellation.Token));
        clock.AssertStoppedWithinASecond();
        Assert.Equal(2L, Single<long>("SELECT count(*) FROM range(2)"));
    }

    [Fact]
    public async Task Cancelling_ExecuteNonQueryAsync_stops_an_insert_and_leaves_no_rows()
    {
        Execute("CREATE TABLE t (n BIGINT)");
        await using var command = new DuckDbCommand("INSERT INTO t SELECT a.range FROM range(100000000) a, range(1000) b WHERE a.range + b.range = -1", Connection);
        var clock = new CancelClock();
        using var cancellation = clock.CancelAfter200Milliseconds();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteNonQueryAsync(cancellation.Token));
        clock.AssertStoppedWithinASecond();
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void CommandTimeout_interrupts_the_query_after_its_seconds()
    {
        using var command = new DuckDbCommand(LongQuery, Connection) { CommandTimeout = 1 };
        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAny<OperationCanceledException>(() => command.ExecuteScalar());
        Assert.Contains("command timeout of 1 s", error.Message);
        // Not before the timeout; the upper bound leaves room for a late timer on a loaded 2-core machine (3.0 s seen
        // under ./test) while the query itself would run for minutes.
        Assert.InRange(watch.ElapsedMilliseconds, 900, 4000);
        Assert.Equal(1, Single<int>("SELECT 1"));
    }

    [Fact]
    public void Cancel_from_another_thread_stops_the_running_command()
    {
        using var command = new DuckDbCommand(LongQuery, Connection);
        var clock = new CancelClock();
        using var timer = new Timer(_ =>
        {
            clock.Fired();
            command.Cancel();
        }, null, 200, Timeout.Infinite);
        var error = Assert.Throws<DuckDbException>(() => command.ExecuteScalar());
        clock.AssertStoppedWithinASecond();
        Assert.Equal("INTERRUPT Error: Interrupted!", error.Message);
        Assert.Equal("after", Single<string>("SELECT 'after'"));
    }

    [Fact]
    public void Cancelling_while_reading_a_stream_stops_the_reader()
    {
        using var cancellation = new CancellationTokenSource();
        using var command = new DuckDbCommand("SELECT i FROM range(10000000000) t(i)", Connection);
        using var reader = command.ExecuteReader(cancellation.Token);
        Assert.True(reader.Read());
        var clock = new CancelClock();
        cancellation.Token.Register(clock.Fired);
        cancellation.CancelAfter(200);
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (reader.Read())
            {
            }
        });
        clock.AssertStoppedWithinASecond();
        reader.Dispose();
        Assert.Equal(3, Single<int>("SELECT 3"));
    }

    [Fact]
    public void An_already_cancelled_token_throws_before_running()
    {
        using var command = new DuckDbCommand("SELECT 1", Connection);
        Assert.ThrowsAny<OperationCanceledException>(() => command.ExecuteReader(new CancellationToken(canceled: true)));
        Assert.Equal(1, command.ExecuteScalar());
    }

    [Fact]
    public void A_cancel_with_nothing_running_does_not_break_the_next_query()
    {
        using var command = new DuckDbCommand("SELECT count(*) FROM range(1000000)", Connection);
        command.Cancel();
        Assert.Equal(1000000L, command.ExecuteScalar());
    }

    /// <summary>
    /// Times a cancellation from the moment it fires, not from the moment it was asked for: on a loaded 2-core machine
    /// the timer itself has fired seconds late, which is no delay of the provider's.
    /// </summary>
    private sealed class CancelClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private long _firedAt = -1;

        public CancellationTokenSource CancelAfter200Milliseconds()
        {
            var cancellation = new CancellationTokenSource();
            cancellation.Token.Register(Fired);
            cancellation.CancelAfter(200);
            return cancellation;
        }

        public void Fired() => Interlocked.CompareExchange(ref _firedAt, _watch.ElapsedMilliseconds, -1);

        /// <summary>The call ran until the cancellation fired, about 200 ms in, and returned within a second of it.</summary>
        public void AssertStoppedWithinASecond()
        {
            var returnedAt = _watch.ElapsedMilliseconds;
            var firedAt = Interlocked.Read(ref _firedAt);
            Assert.True(firedAt >= 150, $"the cancellation fired at {firedAt} ms");
            Assert.InRange(returnedAt - firedAt, 0, 1000);
        }
    }
}
