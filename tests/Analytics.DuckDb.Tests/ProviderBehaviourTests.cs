using System.Diagnostics;
using Analytics.DuckDb.Tests.Support;
using Dapper;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.DuckDb.Tests;

/// <summary>
/// What the product relies on from DuckDB.NET (and the extension's timeout over it), proved against the real engine:
/// interrupting a running query, several statements per command, named and positional parameters, error types,
/// read-only opening and the one-writer lock.
/// </summary>
public sealed class ProviderBehaviourTests : DuckDbTestBase
{
    // Far longer than any limit below: it only ends by being interrupted.
    private const string EndlessQuery = "SELECT count(*) FROM range(1000000000000) a";

    [Fact]
    public void A_command_past_its_limit_is_interrupted_and_the_connection_answers_again()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = EndlessQuery;
        using (command.InterruptAfter(1))
        {
            Assert.Throws<OperationCanceledException>(() => command.ExecuteScalar());
        }

        Assert.Equal(42, Scalar("SELECT 42"));
    }

    [Fact]
    public async Task A_cancellation_token_interrupts_a_running_query()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = EndlessQuery;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteScalarAsync(cancellation.Token));
        Assert.Equal(7, Scalar("SELECT 7"));
    }

    [Fact]
    public async Task Cancel_from_another_thread_interrupts_a_running_query()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = EndlessQuery;
        var running = Task.Run(() => command.ExecuteScalar());
        await Task.Delay(300);
        command.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public void Statements_run_by_the_extension_past_their_limit_fail_with_the_interrupt_error_type()
    {
        using (Connection.InterruptAfter(1))
        {
            var error = Assert.Throws<DuckDBException>(() => Connection.RunStatementsWhile(EndlessQuery, (_, _, _) => true));
            Assert.Equal(DuckDBErrorType.Interrupt, error.ErrorType);
        }
    }

    [Fact]
    public void Several_statements_in_one_command_run_in_order_and_the_last_gives_the_scalar()
    {
        Assert.Equal(30L, Scalar("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2), (3); SELECT count(*) * 10 FROM t"));
        Assert.Equal(4, Execute("CREATE TABLE u (a INTEGER); INSERT INTO u VALUES (1), (2), (3); INSERT INTO u VALUES (4)"));
    }

    [Fact]
    public void Named_and_positional_parameters_bind_by_name_and_by_place()
    {
        using var named = Connection.CreateCommand();
        named.CommandText = "SELECT $town || ':' || $district";
        named.Parameters.Add(new DuckDBParameter("district", "静安区"));
        named.Parameters.Add(new DuckDBParameter("town", "岳阳街道"));
        Assert.Equal("岳阳街道:静安区", named.ExecuteScalar());

        Assert.Equal(5, Scalar("SELECT $1::INTEGER + $2::INTEGER", 2, 3));
        Assert.Equal("a-b", Scalar("SELECT ? || '-' || ?", "a", "b"));
        Assert.Equal(DBNull.Value, Scalar("SELECT $1::VARCHAR", [null]));
    }

    [Fact]
    public void Dapper_binds_only_the_parameters_the_text_names_and_maps_dates_to_DateOnly()
    {
        Execute("CREATE TABLE q (quarter VARCHAR, day DATE)");
        Connection.Execute("INSERT INTO q VALUES ($quarter, $day)", new { quarter = "2024Q4", day = new DateTime(2024, 12, 31), unused = 1 });
        var row = Connection.QuerySingle<(string Quarter, DateOnly Day)>("SELECT quarter, day FROM q WHERE quarter = $quarter", new { quarter = "2024Q4", other = "x" });
        Assert.Equal(("2024Q4", new DateOnly(2024, 12, 31)), row);
    }

    [Fact]
    public void A_failure_carries_DuckDBs_error_type()
    {
        Execute("CREATE TABLE k (id INTEGER PRIMARY KEY)");
        Execute("INSERT INTO k VALUES (1)");
        var duplicate = Assert.Throws<DuckDBException>(() => Execute("INSERT INTO k VALUES (1)"));
        Assert.Equal(DuckDBErrorType.Constraint, duplicate.ErrorType);

        var conversion = Assert.Throws<DuckDBException>(() => Scalar("SELECT 'x'::INTEGER"));
        Assert.Equal(DuckDBErrorType.Conversion, conversion.ErrorType);

        Execute("BEGIN TRANSACTION");
        var nested = Assert.Throws<DuckDBException>(() => Execute("BEGIN TRANSACTION"));
        Assert.Equal(DuckDBErrorType.Transaction, nested.ErrorType);
        Execute("ROLLBACK");
    }

    [Fact]
    public void A_file_opened_read_only_refuses_writes_with_the_invalid_input_error_type()
    {
        var path = TempDatabasePath();
        using (var writer = new DuckDBConnection($"Data Source={path}"))
        {
            writer.Open();
            Execute(writer, "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)");
        }

        var builder = new DuckDBConnectionStringBuilder { DataSource = path, AccessMode = DuckDBAccessMode.ReadOnly };
        using var reader = new DuckDBConnection(builder.ConnectionString);
        reader.Open();
        Assert.Equal(1L, Scalar(reader, "SELECT count(*) FROM t"));
        var error = Assert.Throws<DuckDBException>(() => Execute(reader, "INSERT INTO t VALUES (2)"));
        Assert.Equal(DuckDBErrorType.InvalidInput, error.ErrorType);
    }

    [Fact]
    public void A_file_locked_by_another_process_cannot_be_opened_and_the_message_names_the_holder()
    {
        var path = TempDatabasePath();
        using (var writer = new DuckDBConnection($"Data Source={path}"))
        {
            writer.Open();
        }

        // Another process holds the POSIX write lock that DuckDB takes on a file it opens read-write.
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()", path },
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var holder = Process.Start(start)!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            using var second = new DuckDBConnection($"Data Source={path}");
            var error = Assert.Throws<DuckDBException>(() => second.Open());
            // DuckDB.NET reports an open failure without DuckDB's error type: the message is all there is.
            Assert.Equal(DuckDBErrorType.Invalid, error.ErrorType);
            Assert.Contains($"Could not set lock on file \"{path}\": Conflicting lock is held in", error.Message, StringComparison.Ordinal);
            Assert.Contains($"(PID {holder.Id})", error.Message, StringComparison.Ordinal);
            // The extension reads DuckDB's type and the conflict from that message.
            Assert.Equal(DuckDBErrorType.Io, error.TypeOf());
            Assert.Equal(new LockConflict(path, holder.Id), error.LockConflictOf());
        }
        finally
        {
            holder.StandardInput.Close();
            holder.WaitForExit();
        }
    }
}
