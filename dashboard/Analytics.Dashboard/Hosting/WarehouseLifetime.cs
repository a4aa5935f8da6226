using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// Registered first, so it stops last (after the scheduler has finished or rolled back its load). Holds one connection
/// from start to stop so that the native database instance stays open for the host's life, then checkpoints the
/// warehouse so that the file is complete and the write-ahead log is empty when the process exits.
/// </summary>
public sealed class WarehouseLifetime(WarehouseDatabase warehouse, ILogger<WarehouseLifetime> logger) : IHostedService, IDisposable
{
    // DuckDB closes an instance (checkpointing it) when its last connection closes, and every request opens a
    // connection of its own: without this holder each request would reopen the file, and a command-line load could
    // slip in between two requests instead of being refused clearly.
    private DuckDBConnection? _holder;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _holder = warehouse.Connect();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            warehouse.Checkpoint();
            logger.LogInformation("Warehouse {Path} checkpointed and closed", warehouse.Path);
        }
        catch (DuckDBException ex)
        {
            logger.LogWarning(ex, "Checkpoint of {Path} at shutdown failed: {Message}", warehouse.Path, ex.Message);
        }

        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _holder?.Dispose();
        _holder = null;
    }
}
