using System.Collections.Concurrent;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Warehouse;
using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Metrics.Warehouse.Learned;

/// <summary>
/// Whether the machine-learned outputs (ml_projection, ml_combination_flag) belong to the current metric tables. They are
/// written by the forecasting refresh after the metric refresh (in the host, in the background: training takes seconds); a
/// reader that finds them stale shows none of them rather than a projection or flag from older data, and says so.
/// </summary>
public static class LearnedOutputs
{
    /// <summary>warehouse_meta key holding the metric tables' stamp (the newest etl_run id) the outputs were computed from.</summary>
    public const string MetaKey = "ml_computed_for_run_id";

    /// <summary>The metric tables' stamp, null before their first refresh.</summary>
    public static string? MetricsStamp(DuckDBConnection connection) => IndicatorEngine.ComputedFor(connection);

    /// <summary>The metric tables' stamp the stored outputs were computed from; changes when a training's outputs commit.</summary>
    public static string? Stamp(DuckDBConnection connection) => WarehouseSql.Meta(connection, MetaKey);

    /// <summary>True when the outputs were computed from the current metric tables.</summary>
    public static bool IsCurrent(DuckDBConnection connection) =>
        MetricsStamp(connection) is { } metrics && Stamp(connection) == metrics;

    // Per warehouse file: the metric stamp whose training failed in this process. Kept in memory, not in the file: a
    // failure is this process's event (a restart trains again), and recording it must not need a write that could fail too.
    private static readonly ConcurrentDictionary<string, string> FailedFor = new(StringComparer.Ordinal);

    /// <summary>Records that training from the metric tables stamped <paramref name="stamp"/> failed.</summary>
    public static void RecordTrainingFailure(DuckDBConnection connection, string stamp) => FailedFor[connection.DataSource] = stamp;

    /// <summary>Clears the failure recorded for the warehouse file (a new training starts).</summary>
    public static void ForgetTrainingFailure(DuckDBConnection connection) => FailedFor.TryRemove(connection.DataSource, out _);

    /// <summary>True when training for the current metric tables failed in this process; a new training clears it first
    /// (<see cref="ForgetTrainingFailure"/>), so a success since leaves nothing recorded.</summary>
    public static bool TrainingFailed(DuckDBConnection connection) =>
        FailedFor.TryGetValue(connection.DataSource, out var failed) && failed == MetricsStamp(connection);
}
