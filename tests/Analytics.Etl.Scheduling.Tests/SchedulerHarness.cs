using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Scheduling;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Etl.Scheduling.Tests;

/// <summary>A real scheduler in a generic host wired as the dashboard wires it (AddEtlScheduling: Quartz's DI and hosted service), over a fresh warehouse file.</summary>
public sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;

    private SchedulerHarness(string folder, IHost host)
    {
        _folder = folder;
        _host = host;
        Scheduler = host.Services.GetRequiredService<EtlScheduler>();
        Warehouse = host.Services.GetRequiredService<WarehouseDatabase>();
    }

    public EtlScheduler Scheduler { get; }

    /// <summary>The host, to stop it as Ctrl+C does (its token is the shutdown timeout).</summary>
    public IHost Host => _host;

    public WarehouseDatabase Warehouse { get; }

    /// <summary>Builds and starts the scheduler. <paramref name="now"/> fixes "today" for the job (which quarter is the latest closed one).</summary>
    public static async Task<SchedulerHarness> StartAsync(DemoDrop drop, Action<EtlSchedulerOptions>? configure = null,
        DateTimeOffset? now = null, Func<IExtractSourceFactory, IExtractSourceFactory>? wrapSources = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "scheduling-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var services = builder.Services;
        services.AddLogging();
        services.AddSingleton(WarehouseDatabase.Open(Path.Combine(folder, "warehouse.duckdb")));
        services.AddSingleton(PseudonymKey.FromText(new string('a', 64), "test"));
        IExtractSourceFactory sources = new FileDropSourceFactory(drop.Root);
        services.AddSingleton(wrapSources is null ? sources : wrapSources(sources));
        if (now is { } fixedNow)
        {
            services.AddSingleton<TimeProvider>(new FixedTimeProvider(fixedNow));
        }

        services.AddEtlScheduling(options =>
        {
            options.MisfireThreshold = TimeSpan.FromMilliseconds(500);
            configure?.Invoke(options);
        });
        var harness = new SchedulerHarness(folder, builder.Build());
        await harness._host.StartAsync(CancellationToken.None);
        return harness;
    }

    public IReadOnlyList<EtlRunRow> Runs()
    {
        using var connection = Warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, feed, quarter_key, trigger, status, started_at, finished_at, rows_loaded FROM etl_run ORDER BY run_id";
        using var reader = command.ExecuteReader();
        var rows = new List<EtlRunRow>();
        while (reader.Read())
        {
            rows.Add(new EtlRunRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.GetDateTime(5), reader.GetDateTime(6), reader.GetInt64(7)));
        }

        return rows;
    }

    public string? Text(string sql)
    {
        using var connection = Warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public long Scalar(string sql)
    {
        using var connection = Warehouse.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing; the temp folder is harmless.
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    }
}

public sealed record EtlRunRow(long RunId, string Feed, int QuarterKey, string Trigger, string Status, DateTime StartedAt, DateTime FinishedAt, long RowsLoaded);
