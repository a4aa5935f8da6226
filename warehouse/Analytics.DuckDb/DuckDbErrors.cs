using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Analytics.DuckDb;

/// <summary>
/// DuckDB's error type of a failure, and the two failures the product must tell apart that have no type of their own.
/// This is the one place that reads DuckDB's message text.
/// <para>
/// DuckDB.NET gives <see cref="DuckDBException.ErrorType"/> for failures of running statements, but <c>Invalid</c> for
/// failures to open a file and to prepare a statement: there the C API (<c>duckdb_open_ext</c>,
/// <c>duckdb_prepare_error</c>) returns only a message, which DuckDB starts with its type's name ("IO Error: …",
/// "Parser Error: …", after DuckDB.NET's "DuckDBOpen failed: "). <see cref="TypeOf"/> reads that name.
/// </para>
/// </summary>
public static partial class DuckDbErrors
{
    /// <summary>DuckDB's error type: DuckDB.NET's when it has one, else the type DuckDB's message starts with.</summary>
    public static DuckDBErrorType TypeOf(this DuckDBException exception) =>
        exception.ErrorType != DuckDBErrorType.Invalid ? exception.ErrorType : TypeNamed(exception.Message);

    /// <summary>The error type whose name starts DuckDB's message ("Catalog Error: …" → Catalog); Invalid when none does.</summary>
    public static DuckDBErrorType TypeNamed(string message)
    {
        var match = TypePrefix().Match(message);
        if (!match.Success)
        {
            return DuckDBErrorType.Invalid;
        }

        // DuckDB's names are its enum's with spaces ("Out of Range", "Invalid Input"), but for these two.
        var name = match.Groups["type"].Value switch
        {
            "TransactionContext" => nameof(DuckDBErrorType.Transaction),
            "Extension Autoloading" => nameof(DuckDBErrorType.Autoload),
            var other => other.Replace(" ", "", StringComparison.Ordinal),
        };
        return Enum.TryParse<DuckDBErrorType>(name, ignoreCase: true, out var type) ? type : DuckDBErrorType.Invalid;
    }

    /// <summary>
    /// The file and the holder's process id when another process holds the database file's lock, else null. DuckDB reports
    /// it as an IO error like any other: "IO Error: Could not set lock on file "/data/w.duckdb": Conflicting lock is held
    /// in /usr/bin/dotnet (PID 1234)…"; the file is sound, so it is no storage fault.
    /// </summary>
    public static LockConflict? LockConflictOf(this DuckDBException exception)
    {
        if (exception.TypeOf() != DuckDBErrorType.Io || LockMessage().Match(exception.Message) is not { Success: true } match)
        {
            return null;
        }

        var pid = match.Groups["pid"].Success ? int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture) : (int?)null;
        return new LockConflict(match.Groups["file"].Value, pid);
    }

    /// <summary>
    /// A commit that could not write the file ("TransactionContext Error: Failed to commit: Could not write file … File too
    /// large"): DuckDB reports it as a transaction error carrying the IO error's text, without the IO type.
    /// </summary>
    public static bool IsFailedCommitWrite(this DuckDBException exception) =>
        exception.TypeOf() == DuckDBErrorType.Transaction && exception.Message.Contains("Could not write file", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?:DuckDBOpen failed: )?(?<type>[A-Za-z][A-Za-z ]*?) Error: ", RegexOptions.CultureInvariant)]
    private static partial Regex TypePrefix();

    [GeneratedRegex(@"Could not set lock on file ""(?<file>[^""]*)""(?:.*?\(PID (?<pid>\d+)\))?", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LockMessage();
}
