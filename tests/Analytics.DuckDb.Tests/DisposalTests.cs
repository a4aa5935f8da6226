using System.Data;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

public sealed class DisposalTests : DuckDbTestBase
{
    private static DuckDbConnection OpenMemory()
    {
        var connection = new DuckDbConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    [Fact]
    public void Reader_disposed_after_its_connection_is_harmless_and_closed()
    {
        var connection = OpenMemory();
        var command = new DuckDbCommand("SELECT * FROM range(10000)", connection);
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        connection.Dispose();
        Assert.True(reader.IsClosed);
        Assert.Throws<InvalidOperationException>(() => reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
        reader.Dispose();
        reader.Dispose();
        command.Dispose();
    }

    [Fact]
    public void Connection_disposed_before_its_command_leaves_the_command_unusable_but_safe()
    {
        var connection = OpenMemory();
        var command = new DuckDbCommand("SELECT 1", connection);
        Assert.Equal(1, command.ExecuteScalar());
        connection.Dispose();
        Assert.Throws<ObjectDisposedException>(() => command.ExecuteScalar());
        command.Dispose();
        Assert.Throws<ObjectDisposedException>(() => command.ExecuteScalar());
    }

    [Fact]
    public void Command_disposed_while_its_reader_is_open_lets_the_reader_finish()
    {
        var command = new DuckDbCommand("SELECT * FROM range(5000)", Connection);
        using var reader = command.ExecuteReader();
        command.Dispose();
        long count = 0;
        while (reader.Read())
        {
            count++;
        }

        Assert.Equal(5000, count);
    }

    [Fact]
    public void Appender_disposed_after_its_connection_closed_is_safe_and_refuses_rows()
    {
        var connection = OpenMemory();
        Execute(connection, "CREATE TABLE t (a INTEGER)");
        var appender = connection.CreateAppender("t");
        appender.CreateRow().Append(1).EndRow();
        connection.Close();
        Assert.ThrowsAny<InvalidOperationException>(() => appender.CreateRow());
        Assert.ThrowsAny<InvalidOperationException>(() => appender.Close());
        appender.Dispose();
        appender.Dispose();
        Assert.Throws<ObjectDisposedException>(() => appender.CreateRow());
        connection.Dispose();
    }

    [Fact]
    public void A_file_reopens_after_its_connection_closed_with_an_appender_left_open()
    {
        var path = TempDatabasePath();
        var connection = new DuckDbConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "CREATE TABLE t (a INTEGER)");
        var appender = connection.CreateAppender("t");
        for (var i = 0; i < 3000; i++)
        {
            appender.CreateRow().Append(i).EndRow();
        }

        connection.Close();
        connection.Open();
        Execute(connection, "INSERT INTO t VALUES (-1)");
        Assert.Throws<ObjectDisposedException>(() => appender.CreateRow());
        appender.Dispose();
        connection.Dispose();

        using var reopened = new DuckDbConnection($"Data Source={path}");
        reopened.Open();
        Assert.Equal(1L, Scalar(reopened, "SELECT count(*) FROM t WHERE a = -1"));
    }

    [Fact]
    public void Appender_used_after_Close_throws_ObjectDisposedException()
    {
        Execute("CREATE TABLE t (a INTEGER)");
        var appender = Connection.CreateAppender("t");
        appender.Close();
        appender.Close();
        Assert.Throws<ObjectDisposedException>(() => appender.CreateRow());
        Assert.Throws<ObjectDisposedException>(() => appender.Flush());
        appender.Dispose();
    }

    [Fact]
    public void Double_dispose_of_every_object_is_harmless()
    {
        var connection = OpenMemory();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        var reader = command.ExecuteReader();
        reader.Dispose();
        reader.Dispose();
        var transaction = connection.BeginTransaction();
        transaction.Dispose();
        transaction.Dispose();
        command.Dispose();
        command.Dispose();
        connection.Dispose();
        connection.Dispose();
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void ExecuteReader_on_a_closed_connection_is_InvalidOperationException()
    {
        using var connection = new DuckDbConnection("Data Source=:memory:");
        using var command = new DuckDbCommand("SELECT 1", connection);
        Assert.Throws<InvalidOperationException>(() => command.ExecuteReader());
        connection.Open();
        Assert.Equal(1, command.ExecuteScalar());
        connection.Close();
        Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar());
        connection.Open();
        Assert.Equal(1, command.ExecuteScalar());
    }

    [Fact]
    public void Opening_a_disposed_connection_is_ObjectDisposedException()
    {
        var connection = OpenMemory();
        connection.Dispose();
        Assert.Throws<ObjectDisposedException>(() => connection.Open());
        Assert.Throws<ObjectDisposedException>(() => connection.BeginTransaction());
        Assert.Throws<ObjectDisposedException>(() => connection.CreateAppender("t"));
    }

    [Fact]
    public void Read_on_a_closed_reader_is_InvalidOperationException()
    {
        var reader = new DuckDbCommand("SELECT 1", Connection).ExecuteReader();
        reader.Close();
        Assert.True(reader.IsClosed);
        Assert.Throws<InvalidOperationException>(() => reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.IsDBNull(0));
        Assert.Equal(1, Single<int>("SELECT 1"));
    }

    [Fact]
    public void CloseConnection_behavior_closes_the_connection_with_the_reader()
    {
        var connection = OpenMemory();
        using (var reader = new DuckDbCommand("SELECT 1", connection).ExecuteReader(CommandBehavior.CloseConnection))
        {
            Assert.True(reader.Read());
        }

        Assert.Equal(ConnectionState.Closed, connection.State);
        connection.Dispose();
    }

    [Fact]
    public void Transaction_disposed_after_its_connection_is_harmless()
    {
        var connection = OpenMemory();
        var transaction = connection.BeginTransaction();
        connection.Dispose();
        transaction.Dispose();
        Assert.Throws<InvalidOperationException>(() => transaction.Commit());
    }

    [Fact]
    public void Command_without_connection_or_text_is_InvalidOperationException()
    {
        using var orphan = new DuckDbCommand("SELECT 1");
        Assert.Throws<InvalidOperationException>(() => orphan.ExecuteScalar());
        using var empty = new DuckDbCommand(" ", Connection);
        Assert.Throws<InvalidOperationException>(() => empty.ExecuteScalar());
    }

    [Fact]
    public void Many_unclosed_objects_are_finalized_without_crashing()
    {
        for (var i = 0; i < 50; i++)
        {
            var connection = OpenMemory();
            var reader = new DuckDbCommand("SELECT * FROM range(3000)", connection).ExecuteReader();
            reader.Read();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(1, Single<int>("SELECT 1"));
    }
}
