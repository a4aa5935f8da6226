using Analytics.DuckDb.Tests.Support;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.DuckDb.Tests;

/// <summary>
/// DuckDB's error type where DuckDB.NET gives Invalid (opening a file, preparing a statement), read from DuckDB's own
/// message by <see cref="DuckDbErrors"/>, and DuckDB.NET's type passed through where it has one.
/// </summary>
public sealed class DuckDbErrorsTests : DuckDbTestBase
{
    [Theory]
    [InlineData("SELEC 1", DuckDBErrorType.Parser)]
    [InlineData("SELECT * FROM no_such_table", DuckDBErrorType.Catalog)]
    [InlineData("SELECT no_such_column FROM range(1)", DuckDBErrorType.Binder)]
    public void A_statement_that_cannot_be_prepared_has_the_type_its_message_names(string sql, DuckDBErrorType expected)
    {
        var error = Assert.Throws<DuckDBException>(() => Execute(sql));

        Assert.Equal(DuckDBErrorType.Invalid, error.ErrorType);
        Assert.Equal(expected, error.TypeOf());
        Assert.Null(error.LockConflictOf());
    }

    [Theory]
    [InlineData("SELECT 'x'::INTEGER", DuckDBErrorType.Conversion)]
    [InlineData("SELECT 2147483647::INTEGER + 1", DuckDBErrorType.OutOfRange)]
    [InlineData("SELECT error('stop')", DuckDBErrorType.InvalidInput)]
    [InlineData("COMMIT", DuckDBErrorType.Transaction)]
    public void A_running_statement_keeps_duckdb_nets_type_and_its_message_names_the_same_one(string sql, DuckDBErrorType expected)
    {
        var error = Assert.Throws<DuckDBException>(() => Execute(sql));

        Assert.Equal(expected, error.ErrorType);
        Assert.Equal(expected, error.TypeOf());
        Assert.Equal(expected, DuckDbErrors.TypeNamed(error.Message));
    }

    [Fact]
    public void A_file_in_a_missing_folder_fails_to_open_as_an_io_error_that_is_no_lock_conflict()
    {
        var path = Path.Combine(Path.GetTempPath(), $"duckdb-test-{Guid.NewGuid():N}", "w.duckdb");
        using var connection = new DuckDBConnection($"Data Source={path}");

        var error = Assert.Throws<DuckDBException>(() => connection.Open());

        Assert.Equal(DuckDBErrorType.Invalid, error.ErrorType);
        Assert.Equal(DuckDBErrorType.Io, error.TypeOf());
        Assert.Null(error.LockConflictOf());
        Assert.False(error.IsFailedCommitWrite());
    }

    [Theory]
    [InlineData("no type here", DuckDBErrorType.Invalid)]
    [InlineData("Invalid Configuration Error: x", DuckDBErrorType.Invalid)]
    [InlineData("Extension Autoloading Error: x", DuckDBErrorType.Autoload)]
    [InlineData("TransactionContext Error: Failed to commit: Could not write file \"/w.duckdb\": File too large", DuckDBErrorType.Transaction)]
    public void A_message_names_its_type_in_duckdbs_words(string message, DuckDBErrorType expected) =>
        Assert.Equal(expected, DuckDbErrors.TypeNamed(message));
}
