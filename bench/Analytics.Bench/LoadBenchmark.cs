using System.Diagnostics;
using System.Globalization;
using System.Text;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Bench;

/// <summary>
/// `bench load`: DuckDB's own read_csv against our appender on identical rows, then a full read-back
/// through the data reader. Prints throughput and the appender/read_csv ratio measured in one run:
/// the two loads alternate over several rounds (this machine's speed drifts by a third within a
/// minute), and the median of the rounds' ratios is the figure.
/// </summary>
public sealed class LoadBenchmark(long rows, int rounds, string workDirectory, TextWriter output)
{
    private const int PersonPool = 1_000_003;

    public void Run()
    {
        Directory.CreateDirectory(workDirectory);
        var csvPath = Path.Combine(workDirectory, "bench_payments.csv");
        var dbPath = Path.Combine(workDirectory, "bench_load.duckdb");
        DeleteDatabase(dbPath);

        output.WriteLine($"DuckDB {DuckDB.NET.Native.NativeMethods.Startup.DuckDBLibraryVersion()}; {rows:N0} 行 (rows); 目录 {workDirectory}");
        var generate = Stopwatch.StartNew();
        WriteCsv(csvPath);
        output.WriteLine($"生成 CSV (generate CSV): {generate.Elapsed.TotalSeconds:F2} s, {new FileInfo(csvPath).Length / 1_048_576.0:F0} MiB");

        using var connection = new DuckDBConnection($"Data Source={dbPath}");
        connection.Open();
        // The caller's values exist before its load starts, as the CSV file does before read_csv's.
        var persons = Persons();
        var timings = new List<(TimeSpan Csv, TimeSpan Append)>();
        for (var round = 1; round <= rounds; round++)
        {
            Execute(connection, "DROP TABLE IF EXISTS payments_csv; DROP TABLE IF EXISTS payments_appender; CHECKPOINT");
            Execute(connection, Schema("payments_csv"));
            Execute(connection, Schema("payments_appender"));
            var (csv, append) = BenchRounds.Run(round,
                () => Timed(() => Execute(connection, ReadCsvInsert(csvPath))),
                () => Timed(() => AppendRange(connection, "payments_appender", persons)));
            timings.Add((csv, append));
            output.WriteLine($"第 {round} 轮 (round {round}): read_csv {csv.TotalSeconds,6:F2} s, appender {append.TotalSeconds,6:F2} s, 比值 (ratio) {csv / append:F2}");
        }

        var read = Stopwatch.StartNew();
        var (readRows, checksum) = ReadBack(connection);
        read.Stop();

        Verify(connection, readRows);
        var median = BenchRounds.Median(timings, Ratio);
        var csvRate = rows / median.Csv.TotalSeconds;
        var appendRate = rows / median.Append.TotalSeconds;
        var valuesRate = readRows * 5 / read.Elapsed.TotalSeconds;
        output.WriteLine($"(a) read_csv → 表 (table):        {median.Csv.TotalSeconds,7:F2} s  {csvRate,14:N0} 行/秒 (rows/s)   (比值居中的一轮 the median round)");
        output.WriteLine($"(b) ArrowAppender → 表 (table):     {median.Append.TotalSeconds,7:F2} s  {appendRate,14:N0} 行/秒 (rows/s)   (比值居中的一轮 the median round)");
        output.WriteLine($"(c) DuckDBDataReader 读回 (read):  {read.Elapsed.TotalSeconds,7:F2} s  {readRows / read.Elapsed.TotalSeconds,14:N0} 行/秒 (rows/s)  {valuesRate,14:N0} 值/秒 (values/s)  checksum {checksum:F2}");
        output.WriteLine($"比值 appender / read_csv (ratio): {Ratio(median):F2}   (目标 target ≥ 1.00; {rounds} 轮中位数 median of {rounds} rounds: {BenchRounds.Ratios(timings, Ratio)})");
        output.WriteLine($"读取 (reader): {valuesRate / 1e6:F1} M 值/秒 (values/s)   (目标 target ≥ 70 M, DuckDB.NET 的读取器 its reader)");

        connection.Close();
        DeleteDatabase(dbPath);
        File.Delete(csvPath);
    }

    // Appender rows/s over read_csv rows/s: both load the same rows.
    private static double Ratio((TimeSpan Csv, TimeSpan Append) round) => round.Csv / round.Append;

    private static TimeSpan Timed(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    private static string ReadCsvInsert(string csvPath) =>
        $"INSERT INTO payments_csv SELECT * FROM read_csv('{csvPath.Replace("'", "''")}', header = true, columns = {{'id': 'BIGINT', 'town': 'INTEGER', 'quarter': 'INTEGER', 'amount': 'DOUBLE', 'person': 'VARCHAR'}})";

    private static string Schema(string table) =>
        $"CREATE TABLE {table} (id BIGINT, town INTEGER, quarter INTEGER, amount DOUBLE, person VARCHAR)";

    // Row i is a pure function of i, so the CSV and the appender carry identical data.
    private static int Town(long i) => (int)(i % 216) + 1;
    private static int Quarter(long i) => (2022 + (int)(i % 16) / 4) * 10 + (int)(i % 4) + 1;
    private const long AmountModulus = 500_000;

    private static long AmountCents(long i) => i * 2_654_435_761L % AmountModulus;
    private static int PersonNumber(long i) => (int)(i * 7 % PersonPool);

    private void WriteCsv(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        writer.Write("id,town,quarter,amount,person\n");
        Span<char> buffer = stackalloc char[96];
        for (long i = 0; i < rows; i++)
        {
            var cents = AmountCents(i);
            var written = 0;
            Append(buffer, ref written, i + 1);
            buffer[written++] = ',';
            Append(buffer, ref written, Town(i));
            buffer[written++] = ',';
            Append(buffer, ref written, Quarter(i));
            buffer[written++] = ',';
            Append(buffer, ref written, cents / 100);
            buffer[written++] = '.';
            buffer[written++] = (char)('0' + cents % 100 / 10);
            buffer[written++] = (char)('0' + cents % 10);
            buffer[written++] = ',';
            buffer[written++] = 'P';
            PersonNumber(i).TryFormat(buffer[written..], out var personLength, "D7", CultureInfo.InvariantCulture);
            written += personLength;
            buffer[written++] = '\n';
            writer.Write(buffer[..written]);
        }
    }

    private static void Append(Span<char> buffer, ref int written, long value)
    {
        value.TryFormat(buffer[written..], out var length, default, CultureInfo.InvariantCulture);
        written += length;
    }

    private static string[] Persons()
    {
        var persons = new string[PersonPool];
        for (var number = 0; number < PersonPool; number++)
        {
            persons[number] = "P" + number.ToString("D7", CultureInfo.InvariantCulture);
        }

        return persons;
    }

    // The same rows as the CSV (Verify proves it), each column stepped on from the previous row rather than computed
    // with a division: the caller's arithmetic is not the appender's time.
    private void AppendRange(DuckDBConnection connection, string table, string[] persons)
    {
        const long amountStep = 2_654_435_761L % AmountModulus;
        var (town, quarterStep, amount, person) = (0, 0, 0L, 0);
        using var transaction = connection.BeginTransaction();
        using (var appender = connection.CreateArrowAppender(table))
        {
            for (long i = 0; i < rows; i++)
            {
                appender.CreateRow()
                    .Append(i + 1)
                    .Append(town + 1)
                    .Append((2022 + (quarterStep >> 2)) * 10 + (quarterStep & 3) + 1)
                    .Append(amount / 100.0)
                    .Append(persons[person])
                    .EndRow();
                town = town == 215 ? 0 : town + 1;
                quarterStep = (quarterStep + 1) & 15;
                amount += amountStep;
                amount -= amount >= AmountModulus ? AmountModulus : 0;
                person += 7;
                person -= person >= PersonPool ? PersonPool : 0;
            }

            appender.Close();
        }

        transaction.Commit();
    }

    private static (long Rows, double Checksum) ReadBack(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, town, quarter, amount, person FROM payments_appender";
        // Streamed: DuckDB hands over each chunk as it is scanned. DuckDB.NET's default materialises the whole result
        // first (every row copied into DuckDB's memory before the first Read), which is most of a one-pass read's time.
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        long count = 0;
        long idSum = 0;
        long townSum = 0;
        long quarterSum = 0;
        double amountSum = 0;
        long personLength = 0;
        while (reader.Read())
        {
            idSum += reader.GetInt64(0);
            townSum += reader.GetInt32(1);
            quarterSum += reader.GetInt32(2);
            amountSum += reader.GetDouble(3);
            personLength += reader.GetString(4).Length;
            count++;
        }

        return (count, amountSum + idSum + townSum + quarterSum + personLength);
    }

    private void Verify(DuckDBConnection connection, long readRows)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM payments_csv), (SELECT count(*) FROM payments_appender),
                   (SELECT count(*) FROM (SELECT * FROM payments_csv EXCEPT ALL SELECT * FROM payments_appender))
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        var (csvRows, appenderRows, differing) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        if (csvRows != rows || appenderRows != rows || readRows != rows || differing != 0)
        {
            throw new InvalidOperationException($"基准数据不一致 (benchmark data mismatch): csv {csvRows}, appender {appenderRows}, read {readRows}, differing {differing}");
        }

        output.WriteLine($"校验 (verified): 两表 {rows:N0} 行完全相同 (both tables identical)");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void DeleteDatabase(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }
}
