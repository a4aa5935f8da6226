using DuckDB.NET.Data;
using DuckDB.NET.Native;
using System.Numerics;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

/// <summary>Appends of more than one batch: the streaming INSERT behind the appender.</summary>
public sealed class AppenderStreamTests : DuckDbTestBase
{
    private const int Batch = ArrowAppender.BatchRows;

    private static void AppendIds(ArrowAppender appender, long from, long count)
    {
        for (var i = from; i < from + count; i++)
        {
            appender.CreateRow().Append(i).Append(i % 3 == 0 ? null : $"行{i}").EndRow();
        }
    }

    [Fact]
    public void Rows_of_many_batches_keep_their_order_and_values()
    {
        Execute("CREATE TABLE t (id BIGINT, label VARCHAR)");
        var rows = 3L * Batch + 777;
        using (var appender = Connection.CreateArrowAppender("t"))
        {
            AppendIds(appender, 0, rows);
            appender.Close();
            Assert.Equal(rows, appender.RowsAppended);
        }

        Assert.Equal(rows, Single<long>("SELECT count(*) FROM t"));
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM t WHERE id <> rowid"));
        Assert.Equal((rows + 2) / 3, Single<long>("SELECT count(*) FROM t WHERE label IS NULL"));
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM t WHERE label IS NOT NULL AND label <> '行' || id"));
    }

    [Fact]
    public void Extreme_values_of_the_types_that_travel_as_text_survive_a_stream()
    {
        Execute("CREATE TABLE t (h HUGEINT, iv INTERVAL, id UUID, m DECIMAL(4,1), b BOOLEAN)");
        var guid = Guid.Parse("00000000-0000-0000-0000-000000000001");
        using (var appender = Connection.CreateArrowAppender("t"))
        {
            for (var i = 0; i < Batch + 2; i++)
            {
                var extreme = i % 2 == 0;
                appender.CreateRow()
                    .Append(extreme ? (BigInteger)Int128.MaxValue : -BigInteger.Pow(2, 127))
                    .Append(extreme ? new DuckDbInterval(int.MinValue, int.MaxValue, long.MaxValue) : new DuckDbInterval(-1, -2, long.MinValue + 1))
                    .Append(extreme ? guid : Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"))
                    .Append(extreme ? 999.9m : -999.9m)
                    .Append(extreme)
                    .EndRow();
            }
        }

        Assert.Equal((BigInteger)Int128.MaxValue, Scalar("SELECT h FROM t WHERE rowid = 0"));
        Assert.Equal(-BigInteger.Pow(2, 127), Scalar("SELECT h FROM t WHERE rowid = 1"));
        Assert.Equal((int.MinValue, int.MaxValue, long.MaxValue), IntervalAt(0));
        Assert.Equal((-1, -2, long.MinValue + 1), IntervalAt(1));
        Assert.Equal(guid, Scalar("SELECT id FROM t WHERE rowid = 0"));
        Assert.Equal(-999.9m, Scalar("SELECT m FROM t WHERE rowid = 1"));
        Assert.Equal((Batch + 2) / 2, Convert.ToInt32(Scalar("SELECT count(*) FROM t WHERE b AND m = 999.9 AND h > 0")));
    }


    [Fact]
    public void A_stream_inside_a_rolled_back_transaction_leaves_the_table_as_it_was()
    {
        Execute("CREATE TABLE t (id BIGINT, label VARCHAR)");
        Execute("INSERT INTO t VALUES (-1, 'kept')");
        using (var transaction = Connection.BeginTransaction())
        {
            using (var appender = Connection.CreateArrowAppender("t"))
            {
                AppendIds(appender, 0, 2L * Batch + 5);
            }

            Assert.Equal(2L * Batch + 6, Single<long>("SELECT count(*) FROM t"));
            transaction.Rollback();
        }

        Assert.Equal(1L, Single<long>("SELECT count(*) FROM t"));
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM duckdb_views() WHERE NOT internal"));
    }

    [Fact]
    public void A_stream_inside_a_transaction_begun_with_SQL_belongs_to_that_transaction()
    {
        Execute("CREATE TABLE t (id BIGINT, label VARCHAR)");
        Execute("BEGIN TRANSACTION");
        using (var appender = Connection.CreateArrowAppender("t"))
        {
            AppendIds(appender, 0, Batch + 5);
        }

        Assert.Equal(Batch + 5L, Single<long>("SELECT count(*) FROM t"));
        Execute("ROLLBACK");
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public void A_primary_key_violation_in_a_later_batch_fails_the_append_and_inserts_nothing()
    {
        Execute("CREATE TABLE t (id BIGINT PRIMARY KEY, label VARCHAR)");
        Execute("INSERT INTO t VALUES (250000, 'kept')");
        var appender = Connection.CreateArrowAppender("t");
        var error = Assert.Throws<DuckDBException>(() =>
        {
            AppendIds(appender, 0, 3L * Batch);
            appender.Close();
        });
        Assert.Contains("Duplicate key \"id: 250000\"", error.Message);
        appender.Dispose();
        Assert.Equal(1L, Single<long>("SELECT count(*) FROM t"));
        Assert.Equal("kept", Single<string>("SELECT label FROM t"));
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM duckdb_views() WHERE NOT internal"));
    }


    [Fact]
    public void A_committed_stream_replays_from_the_write_ahead_log_without_a_view()
    {
        var path = TempDatabasePath();
        var copy = TempDatabasePath();
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            Execute(connection, "SET checkpoint_threshold = '10GB'");
            Execute(connection, "CREATE TABLE t (id BIGINT, label VARCHAR)");
            Execute(connection, "CHECKPOINT");
            using (var transaction = connection.BeginTransaction())
            {
                using (var appender = connection.CreateArrowAppender("t"))
                {
                    AppendIds(appender, 0, Batch + 10);
                }

                transaction.Commit();
            }

            // What a machine that crashed now would find on disk: the file and its write-ahead log.
            File.Copy(path, copy);
            File.Copy(path + ".wal", copy + ".wal");
        }

        using var replayed = new DuckDBConnection($"Data Source={copy}");
        replayed.Open();
        Assert.Equal(Batch + 10L, Scalar(replayed, "SELECT count(*) FROM t"));
        Assert.Equal(0L, Scalar(replayed, "SELECT count(*) FROM duckdb_views() WHERE NOT internal"));
    }

    [Fact]
    public void Long_texts_are_handed_over_before_a_batch_is_full()
    {
        Execute("CREATE TABLE t (id INTEGER, body VARCHAR)");
        var body = new string('長', 12_000); // 36 KB of UTF-8
        using (var appender = Connection.CreateArrowAppender("t"))
        {
            for (var i = 0; i < 4096; i++)
            {
                appender.CreateRow().Append(i).Append(body).EndRow();
            }

            // 2048 rows hold 72 MiB, over the 64 MiB a batch keeps: batches go before they are full.
            Assert.Equal(4096L, appender.RowsAppended);
        }

        Assert.Equal(4096L, Single<long>("SELECT count(*) FROM t WHERE body = repeat('長', 12000)"));
        Assert.Equal(0L, Single<long>("SELECT count(*) FROM t WHERE id <> rowid"));
    }

    [Fact]
    public void Appending_works_with_external_access_disabled_and_with_one_thread()
    {
        using var locked = new DuckDBConnection("Data Source=:memory:;enable_external_access=false;threads=1");
        locked.Open();
        Execute(locked, "CREATE TABLE t (id BIGINT, label VARCHAR)");
        using (var appender = locked.CreateArrowAppender("t"))
        {
            AppendIds(appender, 0, 2L * Batch + 1);
        }

        Assert.Equal(2L * Batch + 1, Scalar(locked, "SELECT count(*) FROM t"));
        Assert.Equal(0L, Scalar(locked, "SELECT count(*) FROM t WHERE id <> rowid"));
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_refused_for_a_VARCHAR_column()
    {
        Execute("CREATE TABLE t (s VARCHAR)");
        using var appender = Connection.CreateArrowAppender("t");
        var error = Assert.Throws<InvalidCastException>(() => appender.CreateRow().Append(new byte[] { 0xFF, 0xFE }).EndRow());
        Assert.Equal("Column s is VARCHAR; the bytes appended to it are not valid UTF-8.", error.Message);
        appender.CreateRow().Append("ok"u8.ToArray()).EndRow();
        appender.Close();
        Assert.Equal("ok", Single<string>("SELECT s FROM t"));
    }

    [Fact]
    public async Task Two_connections_stream_into_one_table_at_once()
    {
        var path = TempDatabasePath();
        using (var setup = new DuckDBConnection($"Data Source={path}"))
        {
            setup.Open();
            Execute(setup, "CREATE TABLE t (id BIGINT, label VARCHAR)");
            await Task.WhenAll(Enumerable.Range(0, 2).Select(part => Task.Run(() =>
            {
                using var own = new DuckDBConnection($"Data Source={path}");
                own.Open();
                using var appender = own.CreateArrowAppender("t");
                AppendIds(appender, part * 1_000_000L, Batch + 50);
            })));
            Assert.Equal(2L * (Batch + 50), Scalar(setup, "SELECT count(*) FROM t"));
            Assert.Equal(0L, Scalar(setup, "SELECT count(*) FROM duckdb_views() WHERE NOT internal"));
        }
    }

    // DuckDB.NET reads an INTERVAL with months only as its own struct.
    private (int Months, int Days, long Micros) IntervalAt(int row)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT iv FROM t WHERE rowid = {row}";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var interval = reader.GetFieldValue<DuckDBInterval>(0);
        return (interval.Months, interval.Days, (long)interval.Micros);
    }
}
