using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class ConcurrencyTests : DuckDbTestBase
{
    [Fact]
    public void Four_threads_with_their_own_connections_insert_and_read_exact_totals()
    {
        var path = TempDatabasePath();
        using (var setup = new DuckDbConnection($"Data Source={path}"))
        {
            setup.Open();
            Execute(setup, "CREATE TABLE events (worker INTEGER, n INTEGER)");

            const int perThread = 500;
            var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
            var threads = Enumerable.Range(0, 4).Select(worker => new Thread(() =>
            {
                try
                {
                    InsertAndRead(path, worker, perThread);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Empty(failures);

            Assert.Equal(4L * (perThread + 3000), Scalar(setup, "SELECT count(*) FROM events"));
            Assert.Equal(4L * (perThread * (perThread - 1) / 2 + 3000), Scalar(setup, "SELECT sum(n)::BIGINT FROM events"));
            Assert.Equal(4L, Scalar(setup, "SELECT count(DISTINCT worker) FROM events"));
        }
    }

    private static void InsertAndRead(string path, int worker, int rows)
    {
        using var connection = new DuckDbConnection($"Data Source={path}");
        connection.Open();
        using var insert = new DuckDbCommand("INSERT INTO events VALUES ($1, $2)", connection);
        insert.Parameters.AddValue(worker);
        var n = insert.Parameters.AddValue(0);
        for (var i = 0; i < rows; i++)
        {
            n.Value = i;
            Assert.Equal(1, insert.ExecuteNonQuery());
            if (i % 100 == 0)
            {
                Assert.Equal(i + 1L, Scalar(connection, "SELECT count(*) FROM events WHERE worker = $1", worker));
            }
        }

        using var bulk = connection.CreateAppender("events");
        for (var i = 0; i < 3000; i++)
        {
            bulk.CreateRow().Append(worker).Append(1).EndRow();
        }
    }

    [Fact]
    public async Task One_connection_used_from_two_threads_at_once_gives_InvalidOperationException()
    {
        using var running = new DuckDbCommand("SELECT sum(range) FROM range(100000000000)", Connection);
        using var cancellation = new CancellationTokenSource();
        var started = new ManualResetEventSlim();
        var first = Task.Run(() =>
        {
            started.Set();
            try
            {
                running.ExecuteReader(cancellation.Token).Dispose();
            }
            catch (OperationCanceledException)
            {
            }
        });
        started.Wait();
        Thread.Sleep(100);

        using var second = new DuckDbCommand("SELECT 1", Connection);
        var error = Assert.Throws<InvalidOperationException>(() => second.ExecuteScalar());
        Assert.Contains("not thread-safe", error.Message);
        using var secondReader = new DuckDbCommand("SELECT 2", Connection);
        Assert.Throws<InvalidOperationException>(() => secondReader.Prepare());

        cancellation.Cancel();
        await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, second.ExecuteScalar());
    }

    [Fact]
    public void Hammering_one_connection_from_many_threads_never_crashes()
    {
        var errors = 0;
        var successes = 0;
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 50; i++)
            {
                try
                {
                    using var command = new DuckDbCommand($"SELECT sum(range)::BIGINT FROM range({1000 + i})", Connection);
                    var value = (long)command.ExecuteScalar()!;
                    Assert.Equal((long)(1000 + i) * (999 + i) / 2, value);
                    Interlocked.Increment(ref successes);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });

        Assert.Equal(400, errors + successes);
        Assert.True(successes > 0);
        Assert.Equal(5, Single<int>("SELECT 5"));
    }

    [Fact]
    public void A_second_reader_on_the_same_connection_is_refused()
    {
        using var first = new DuckDbCommand("SELECT 1", Connection).ExecuteReader();
        var error = Assert.Throws<InvalidOperationException>(() => new DuckDbCommand("SELECT 2", Connection).ExecuteReader());
        Assert.Contains("open DuckDbDataReader", error.Message);
        first.Close();
        Assert.Equal(2, Single<int>("SELECT 2"));
    }
}
