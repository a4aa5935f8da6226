using DuckDB.NET.Data;
using DuckDB.NET.Native;
using System.Data;

namespace Analytics.DuckDb.Tests.Support;

/// <summary>
/// Shared base of the provider tests: every test gets its own private in-memory database, and
/// temp files it asks for are deleted afterwards (with DuckDB's .wal next to them).
/// </summary>
public abstract class DuckDbTestBase : IDisposable
{
    private readonly List<string> _tempFiles = [];

    protected DuckDbTestBase()
    {
        Connection = new DuckDBConnection("Data Source=:memory:");
        Connection.Open();
    }

    /// <summary>An open connection to a private in-memory database.</summary>
    protected DuckDBConnection Connection { get; }

    /// <summary>A unique path for a database file that does not exist yet; removed after the test.</summary>
    protected string TempDatabasePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"duckdb-test-{Guid.NewGuid():N}.duckdb");
        _tempFiles.Add(path);
        return path;
    }

    /// <summary>A unique temp file with the given content; removed after the test.</summary>
    protected string TempFile(string content, string extension = ".csv")
    {
        var path = Path.Combine(Path.GetTempPath(), $"duckdb-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        _tempFiles.Add(path);
        return path;
    }

    protected int Execute(string sql, params object?[] positional) => Execute(Connection, sql, positional);

    protected static int Execute(DuckDBConnection connection, string sql, params object?[] positional)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in positional)
        {
            command.Parameters.AddValue(value);
        }

        return command.ExecuteNonQuery();
    }

    protected object? Scalar(string sql, params object?[] positional) => Scalar(Connection, sql, positional);

    protected static object? Scalar(DuckDBConnection connection, string sql, params object?[] positional)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in positional)
        {
            command.Parameters.AddValue(value);
        }

        return command.ExecuteScalar();
    }

    /// <summary>The single value of a one-row, one-column query, read with GetValue.</summary>
    protected T Single<T>(string sql, params object?[] positional) => (T)Scalar(sql, positional)!;

    /// <summary>
    /// Proves a type round-trips: (a) reading the SQL literal gives <paramref name="value"/> through
    /// GetValue, GetFieldValue, GetFieldType and GetDataTypeName; (b) binding the value as $1 and
    /// casting it to the type gives it back.
    /// </summary>
    protected void AssertRoundTrip<T>(T value, string sqlLiteral, string duckDbTypeName)
    {
        using (var command = Connection.CreateCommand())
        {
            command.CommandText = $"SELECT ({sqlLiteral})::{duckDbTypeName} AS v";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(duckDbTypeName, reader.GetDataTypeName(0));
            Assert.Equal(typeof(T), reader.GetFieldType(0));
            Assert.False(reader.IsDBNull(0));
            Assert.Equal(value, (T)reader.GetValue(0));
            Assert.Equal(value, reader.GetFieldValue<T>(0));
            Assert.False(reader.Read());
        }

        using (var command = Connection.CreateCommand())
        {
            command.CommandText = $"SELECT $1::{duckDbTypeName} AS v, $1::{duckDbTypeName} = ({sqlLiteral})::{duckDbTypeName} AS same";
            command.Parameters.AddValue(value);
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(value, reader.GetFieldValue<T>(0));
            Assert.True(reader.GetBoolean(1), $"the bound {typeof(T).Name} {value} differs from the literal {sqlLiteral} in SQL");
        }
    }

    /// <summary>The text DuckDB itself prints for an expression (its ::VARCHAR cast).</summary>
    protected string DuckDbText(string expression) => Single<string>($"SELECT ({expression})::VARCHAR");

    public virtual void Dispose()
    {
        Connection.Dispose();
        foreach (var path in _tempFiles)
        {
            foreach (var file in new[] { path, path + ".wal" })
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                }
            }
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Tests that measure time or memory run alone, not beside the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (timing and memory)";
}
