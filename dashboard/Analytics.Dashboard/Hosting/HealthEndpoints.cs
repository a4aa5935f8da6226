using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Scheduling;
using Analytics.Warehouse;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// /healthz/live: the process answers. /healthz: readiness — the database opens and answers, the scheduler runs,
/// and the first-start loading has finished ("loading" and 503 until then).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz/live", () => Results.Ok(new { status = "alive" })).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/healthz", (WarehouseDatabase warehouse, EtlScheduler scheduler, BootstrapState bootstrap) =>
            {
                string database;
                try
                {
                    using var connection = warehouse.Connect();
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT 1";
                    command.ExecuteScalar();
                    database = "open";
                }
                catch (DuckDBException ex)
                {
                    database = "error: " + ex.Message;
                }

                var schedulerState = scheduler.IsStarted ? "running" : "stopped";
                var data = bootstrap.Phase == BootstrapPhase.Ready ? "ready" : "loading";
                var status = database == "open" && scheduler.IsStarted ? (data == "ready" ? "ready" : "loading") : "unhealthy";
                var body = new
                {
                    status,
                    database,
                    scheduler = schedulerState,
                    data,
                    loads = new { done = bootstrap.LoadsDone, total = bootstrap.LoadsTotal, failed = bootstrap.LoadsFailed },
                };
                return Results.Json(body, statusCode: status == "ready" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
