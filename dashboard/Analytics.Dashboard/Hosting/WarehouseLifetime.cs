using Analytics.DuckDb;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// Registered first, so it stops last (after the scheduler has finished or rolled back its load): checkpoints the
/// warehouse so that the file is complete and the write-ahead log is empty when the process exits.
/// </summary>
public sealed class WarehouseLifetime(WarehouseDatabase warehouse, ILogger<WarehouseLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = warehouse.Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "CHECKPOINT";
            command.ExecuteNonQuery();
            logger.LogInformation("Warehouse {Path} checkpointed and closed", warehouse.Path);
        }
        catch (DuckDbException ex)
        {
            logger.LogWarning(ex, "Checkpoint of {Path} at shutdown failed: {Message}", warehouse.Path, ex.Message);
        }

        return Task.CompletedTask;
    }
}
