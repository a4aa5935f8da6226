using System.Data;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class TransactionTests : DuckDbTestBase
{
    public TransactionTests()
    {
        Execute("CREATE TABLE t (id INTEGER)");
    }

    private long Count() => Single<long>("SELECT count(*) FROM t");

    [Fact]
    public void Rollback_leaves_nothing()
    {
        using (var transaction = Connection.BeginTransaction())
        {
            Execute("INSERT INTO t VALUES (1), (2)");
            Assert.Equal(2, Count());
            transaction.Rollback();
            Assert.False(transaction.IsActive);
        }

        Assert.Equal(0, Count());
    }

    [Fact]
    public void Commit_persists()
    {
        using (var transaction = Connection.BeginTransaction())
        {
            Execute("INSERT INTO t VALUES (1), (2)");
            transaction.Commit();
        }

        Assert.Equal(2, Count());
    }

    [Fact]
    public void Dispose_without_commit_rolls_back()
    {
        using (Connection.BeginTransaction())
        {
            Execute("INSERT INTO t VALUES (1)");
        }

        Assert.Equal(0, Count());
        using var next = Connection.BeginTransaction();
        Assert.Equal(IsolationLevel.Snapshot, next.IsolationLevel);
    }

    [Fact]
    public void Nested_BeginTransaction_is_refused()
    {
        using var transaction = Connection.BeginTransaction();
        var error = Assert.Throws<InvalidOperationException>(() => Connection.BeginTransaction());
        Assert.Contains("already active", error.Message);
    }

    [Fact]
    public void Commit_twice_is_refused()
    {
        using var transaction = Connection.BeginTransaction();
        transaction.Commit();
        Assert.Throws<InvalidOperationException>(() => transaction.Commit());
        Assert.Throws<InvalidOperationException>(() => transaction.Rollback());
    }

    [Fact]
    public void Commit_with_an_open_reader_is_refused_and_the_transaction_stays_usable()
    {
        using var transaction = Connection.BeginTransaction();
        Execute("INSERT INTO t VALUES (1)");
        using (var reader = new DuckDbCommand("SELECT * FROM t", Connection).ExecuteReader())
        {
            Assert.Throws<InvalidOperationException>(() => transaction.Commit());
            Assert.True(transaction.IsActive);
        }

        transaction.Commit();
        Assert.False(transaction.IsActive);
        Assert.Equal(1, Count());
    }

    [Fact]
    public void Commit_of_a_transaction_aborted_by_an_error_fails_and_rolls_back()
    {
        Execute("CREATE TABLE k (id INTEGER PRIMARY KEY)");
        var transaction = Connection.BeginTransaction();
        Execute("INSERT INTO t VALUES (1)");
        Execute("INSERT INTO k VALUES (1)");
        Assert.Throws<DuckDbException>(() => Execute("INSERT INTO k VALUES (1)"));
        var error = Assert.Throws<DuckDbException>(() => transaction.Commit());
        Assert.Contains("abort", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(transaction.IsActive);
        transaction.Dispose();

        Assert.Equal(0, Count());
        using var next = Connection.BeginTransaction();
        Execute("INSERT INTO t VALUES (2)");
        next.Commit();
        Assert.Equal(1, Count());
    }

    [Fact]
    public void Unsupported_isolation_levels_are_refused()
    {
        Assert.Throws<NotSupportedException>(() => Connection.BeginTransaction(IsolationLevel.ReadUncommitted));
    }

    [Fact]
    public void Closing_the_connection_rolls_back_an_open_transaction()
    {
        var path = TempDatabasePath();
        using (var first = new DuckDbConnection($"Data Source={path}"))
        {
            first.Open();
            Execute(first, "CREATE TABLE t (id INTEGER)");
            var transaction = first.BeginTransaction();
            Execute(first, "INSERT INTO t VALUES (1)");
            first.Close();
            Assert.False(transaction.IsActive);
            transaction.Dispose();
            first.Open();
            Assert.Equal(0L, Scalar(first, "SELECT count(*) FROM t"));
        }
    }

    [Fact]
    public void Uncommitted_rows_are_invisible_to_another_connection_on_the_same_file()
    {
        var path = TempDatabasePath();
        using var writer = new DuckDbConnection($"Data Source={path}");
        using var reader = new DuckDbConnection($"Data Source={path}");
        writer.Open();
        reader.Open();
        Execute(writer, "CREATE TABLE t (id INTEGER)");
        using var transaction = writer.BeginTransaction();
        Execute(writer, "INSERT INTO t VALUES (1), (2), (3)");
        Assert.Equal(3L, Scalar(writer, "SELECT count(*) FROM t"));
        Assert.Equal(0L, Scalar(reader, "SELECT count(*) FROM t"));
        transaction.Commit();
        Assert.Equal(3L, Scalar(reader, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_write_conflict_between_two_connections_fails_the_second_writer_and_its_commit()
    {
        var path = TempDatabasePath();
        using var first = new DuckDbConnection($"Data Source={path}");
        using var second = new DuckDbConnection($"Data Source={path}");
        first.Open();
        second.Open();
        Execute(first, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER); INSERT INTO accounts VALUES (1, 100)");

        using var one = first.BeginTransaction();
        using var two = second.BeginTransaction();
        Execute(first, "UPDATE accounts SET balance = balance + 1 WHERE id = 1");
        var conflict = Assert.Throws<DuckDbException>(() => Execute(second, "UPDATE accounts SET balance = balance + 10 WHERE id = 1"));
        Assert.Contains("onflict", conflict.Message);
        one.Commit();
        Assert.Throws<DuckDbException>(() => two.Commit());
        Assert.False(two.IsActive);

        Assert.Equal(101, Scalar(second, "SELECT balance FROM accounts WHERE id = 1"));
    }

    [Fact]
    public void Committed_data_survives_reopening_the_file()
    {
        var path = TempDatabasePath();
        using (var connection = new DuckDbConnection($"Data Source={path}"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE t (s VARCHAR)");
            using var transaction = connection.BeginTransaction();
            Execute(connection, "INSERT INTO t VALUES ('岳阳街道')");
            transaction.Commit();
        }

        using var reopened = new DuckDbConnection($"Data Source={path}");
        reopened.Open();
        Assert.Equal("岳阳街道", Scalar(reopened, "SELECT s FROM t"));
    }
}
