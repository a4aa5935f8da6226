using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Analytics.Etl.Extraction;

/// <summary>
/// Opens connections to a PostgreSQL source database with a short retry on transient failures, and
/// turns Npgsql failures into <see cref="EtlException"/>s with Chinese messages that never carry the password.
/// </summary>
internal sealed class PostgresConnector
{
    /// <summary>Connect timeout (seconds) used when the connection string does not set one.</summary>
    private const int DefaultTimeoutSeconds = 5;

    private readonly string _connectionString;
    private readonly string? _password;

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsTransientConnectFailure),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
        })
        .Build();

    public PostgresConnector(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new EtlException("未提供 PostgreSQL 连接字符串 (empty connection string)。");
        }

        NpgsqlConnectionStringBuilder builder;
        bool timeoutGiven;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
            timeoutGiven = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
                .Any(k => k.Equals("Timeout", StringComparison.OrdinalIgnoreCase) || k.Equals("Connect Timeout", StringComparison.OrdinalIgnoreCase)
                       || k.Equals("Connection Timeout", StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The parser's message may quote the faulty text, which may contain the password: do not pass it on.
            throw new EtlException("PostgreSQL 连接字符串格式错误，应写作 \"Host=…;Port=5432;Username=…;Password=…;Database=…\" (invalid connection string)。");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new EtlException("PostgreSQL 连接字符串缺少 Host (no host in the connection string)。");
        }

        if (!timeoutGiven)
        {
            builder.Timeout = DefaultTimeoutSeconds;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "analytics-etl";
        }

        _password = string.IsNullOrEmpty(builder.Password) ? null : builder.Password;
        Endpoint = $"{builder.Host}:{builder.Port}";
        Database = builder.Database ?? builder.Username ?? "postgres";
        _connectionString = builder.ConnectionString;
    }

    /// <summary><c>host:port</c>.</summary>
    public string Endpoint { get; }

    public string Database { get; }

    /// <summary><c>host:port/database</c>, never with the password.</summary>
    public string Origin => $"{Endpoint}/{Database}";

    /// <summary>An open connection; retries transient failures briefly, then throws <see cref="EtlException"/>.</summary>
    public NpgsqlConnection Open(CancellationToken cancellationToken = default)
    {
        try
        {
            return _retry.Execute(token =>
            {
                var connection = new NpgsqlConnection(_connectionString);
                try
                {
                    connection.Open();
                    return connection;
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or SocketException)
        {
            throw Translate(ex, null, connected: false);
        }
    }

    /// <summary>Runs a database action, translating Npgsql failures (a missing table is named after <paramref name="table"/>).</summary>
    public T Guard<T>(Func<T> action, string? table = null)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidCastException)
        {
            throw Translate(ex, table, connected: true);
        }
    }

    /// <summary>
    /// The Chinese message for an Npgsql failure; the password is removed from anything quoted. A lost or refused
    /// connection is a <see cref="SourceUnavailableException"/>: 无法连接 before <paramref name="connected"/>, 连接中断 after.
    /// </summary>
    public EtlException Translate(Exception ex, string? table, bool connected)
    {
        // 57P01–57P03: the server shut down or terminated this session (an administrator, a restart).
        var lostSession = ex is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow };
        if (lostSession || (IsConnectFailure(ex) && ex is not PostgresException && !ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase)))
        {
            var lost = connected
                ? $"与 PostgreSQL 源数据库 {Endpoint} 的连接中断{(table is null ? "" : $"（读取表 {table} 时）")}（{Innermost(ex).Message}）(connection lost)。"
                : $"无法连接 PostgreSQL 源数据库 {Endpoint}（{Innermost(ex).Message}）(server unreachable)。";
            return new SourceUnavailableException(Scrub(lost), new ScrubbedException(Scrub(ex.Message)));
        }

        var message = ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                "PostgreSQL 认证失败：用户名或密码错误 (authentication failed)。",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"PostgreSQL 拒绝了该用户的连接（pg_hba.conf 未允许）(authorization rejected by {Endpoint})。",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"PostgreSQL 源数据库 {Database} 不存在 (database does not exist on {Endpoint})。",
            PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } =>
                $"源数据库缺少表 {table ?? "(未知)"} (missing table)。",
            PostgresException { SqlState: PostgresErrorCodes.UndefinedColumn } pg =>
                $"源数据库表 {table ?? "(未知)"} 缺少列：{pg.MessageText} (missing column)。",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg =>
                $"PostgreSQL 用户没有读取权限：{pg.MessageText} (permission denied)。",
            PostgresException pg =>
                $"PostgreSQL 源数据库出错{(table is null ? "" : $"（表 {table}）")}：{pg.MessageText} ({pg.SqlState})。",
            NpgsqlException npgsql when npgsql.Message.Contains("password", StringComparison.OrdinalIgnoreCase) =>
                "PostgreSQL 认证失败：服务器要求密码，但连接字符串未提供 (no password provided)。",
            _ when IsConnectFailure(ex) =>
                $"无法连接 PostgreSQL 源数据库 {Endpoint}（{Innermost(ex).Message}）(server unreachable)。",
            _ => $"读取 PostgreSQL 源数据库 {Endpoint} 失败{(table is null ? "" : $"（表 {table}）")}：{ex.Message}",
        };
        return new EtlException(Scrub(message), new ScrubbedException(Scrub(ex.Message)));
    }

    /// <summary>Removes the password from a text (defence in depth: no message we raise should ever contain it).</summary>
    public string Scrub(string text) =>
        _password is null ? text : text.Replace(_password, "******", StringComparison.Ordinal);

    private static bool IsTransientConnectFailure(NpgsqlException ex) =>
        ex is not PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidCatalogName }
        && ex.IsTransient;

    private static bool IsConnectFailure(Exception ex) =>
        ex is TimeoutException or SocketException || ex is NpgsqlException { IsTransient: true } ||
        Innermost(ex) is SocketException or TimeoutException or IOException;

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    /// <summary>Carries the (scrubbed) text of the original failure without its object graph, which holds the connection string.</summary>
    private sealed class ScrubbedException(string message) : Exception(message);
}
