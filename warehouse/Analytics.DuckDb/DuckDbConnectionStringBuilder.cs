using System.Data.Common;

namespace Analytics.DuckDb;

/// <summary>
/// Connection string: <c>Data Source=FILE|:memory:</c>, <c>Access Mode=ReadOnly|ReadWrite</c>, and any
/// DuckDB configuration option by name (threads, memory_limit, enable_external_access,
/// lock_configuration, ...), e.g. <c>Data Source=w.duckdb;Access Mode=ReadOnly;threads=2</c>.
/// </summary>
public sealed class DuckDbConnectionStringBuilder : DbConnectionStringBuilder
{
    private const string DataSourceKey = "Data Source";
    private const string AccessModeKey = "Access Mode";

    public DuckDbConnectionStringBuilder()
    {
    }

    public DuckDbConnectionStringBuilder(string? connectionString)
    {
        ConnectionString = connectionString ?? string.Empty;
    }

    /// <summary>The database file, or <c>:memory:</c> (default) for a private in-memory database.</summary>
    public string DataSource
    {
        get => TryGetValue(DataSourceKey, out var value) ? Convert.ToString(value) ?? ":memory:" : TryGetValue("DataSource", out var alt) ? Convert.ToString(alt) ?? ":memory:" : ":memory:";
        set => this[DataSourceKey] = value;
    }

    /// <summary>Opens the file read-only: any write fails, and other read-only processes may open it too.</summary>
    public bool ReadOnly
    {
        get => TryGetValue(AccessModeKey, out var value) && string.Equals(Convert.ToString(value), "ReadOnly", StringComparison.OrdinalIgnoreCase);
        set => this[AccessModeKey] = value ? "ReadOnly" : "ReadWrite";
    }

    /// <summary>The DuckDB configuration options this connection string sets, with DuckDB's option names.</summary>
    internal IReadOnlyDictionary<string, string> GetDuckDbOptions()
    {
        var options = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in Keys)
        {
            if (key.Equals(DataSourceKey, StringComparison.OrdinalIgnoreCase) || key.Equals("DataSource", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = Convert.ToString(this[key]) ?? string.Empty;
            if (key.Equals(AccessModeKey, StringComparison.OrdinalIgnoreCase))
            {
                options["access_mode"] = value.Equals("ReadOnly", StringComparison.OrdinalIgnoreCase) ? "READ_ONLY"
                    : value.Equals("ReadWrite", StringComparison.OrdinalIgnoreCase) ? "READ_WRITE" : value;
                continue;
            }

            options[key.Trim().Replace(' ', '_').ToLowerInvariant()] = value;
        }

        return options;
    }
}
