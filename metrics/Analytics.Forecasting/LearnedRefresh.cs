using System.Diagnostics;
using System.Text.Json;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Forecasting.Anomalies;
using Analytics.Forecasting.Projections;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Learned;
using Analytics.Warehouse;

namespace Analytics.Forecasting;

/// <summary>What one refresh of the machine-learned outputs wrote, and how long the backtest and training took.</summary>
public sealed record LearnedRefreshResult(int Projections, int CombinationFlags, TimeSpan Elapsed);

/// <summary>
/// The one writer of ml_projection and ml_combination_flag: after the metric tables are refreshed, backtests the
/// projection methods, stores every district's projection at every cut with the method shipped at district level, and
/// stores the RandomizedPca combination flags. Runs once per data version, so pages, briefings and scores only read.
/// </summary>
public static class LearnedRefresh
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Refreshes when the metric tables changed since the last run; null when the outputs are current or there are no metrics yet.</summary>
    public static LearnedRefreshResult? RefreshIfStale(DuckDBConnection connection) =>
        DerivedTableRefresh.IfStale(connection, () => LearnedOutputs.MetricsStamp(connection) is null || LearnedOutputs.IsCurrent(connection), () => Refresh(connection));

    public static LearnedRefreshResult Refresh(DuckDBConnection connection)
    {
        var clock = Stopwatch.StartNew();
        var projections = ProjectionBacktest.Run(connection).SelectMany(b => DistrictProjection.All(connection, b)).ToList();
        var flags = new IndicatorCombinationDetector().Detect(new AnomalyContext(connection)).ToList();
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, "DELETE FROM ml_projection");
        WarehouseSql.Execute(connection, "DELETE FROM ml_combination_flag");
        // Plain parameterised inserts (a few hundred rows per data version) keep this code off provider-specific appenders.
        foreach (var p in projections)
        {
            WarehouseSql.Execute(connection, "INSERT INTO ml_projection VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                p.Kind.IndicatorCode, p.DistrictCode, p.Year, p.Quarter, p.Towns, p.ToDate, p.RunRate, p.Shipped.Code(), p.Projection, p.Low, p.High, p.Method);
        }

        foreach (var f in flags)
        {
            WarehouseSql.Execute(connection, "INSERT INTO ml_combination_flag VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                f.DistrictCode, f.DistrictName, f.TownKey, f.TownName, f.Period, f.IndicatorCode, f.Observed, f.Expected, f.Score,
                JsonSerializer.Serialize(f.Numbers, Json), f.Message, f.Detail);
        }

        WarehouseSql.SetMeta(connection, LearnedOutputs.MetaKey, LearnedOutputs.MetricsStamp(connection)!);
        transaction.Commit();
        return new LearnedRefreshResult(projections.Count, flags.Count, clock.Elapsed);
    }
}
