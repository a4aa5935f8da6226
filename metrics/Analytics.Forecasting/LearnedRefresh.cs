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
/// Training (seconds) holds no lock a page needs: only the write does, and a reader meanwhile sees the outputs as stale.
/// </summary>
public static class LearnedRefresh
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The trained outputs of the metric tables stamped <paramref name="Stamp"/>, not yet stored.</summary>
    private sealed record Trained(string Stamp, IReadOnlyList<DistrictProjection> Projections, IReadOnlyList<AnomalyFlag> Flags, Stopwatch Clock);

    /// <summary>
    /// Trains and stores when the metric tables changed since the last run; null when the outputs are current or there are
    /// no metrics yet. <paramref name="beforeStore"/> runs once training is done and before the outputs are written (a
    /// test holds the refresh there to read the warehouse while training is still in progress).
    /// </summary>
    public static LearnedRefreshResult? RefreshIfStale(DuckDBConnection connection, Action? beforeStore = null)
    {
        var stamp = LearnedOutputs.MetricsStamp(connection);
        // A training under way is pending again, not failed.
        LearnedOutputs.ForgetTrainingFailure(connection);
        try
        {
            return DerivedTableRefresh.IfStale(connection, "learned",
                () => LearnedOutputs.MetricsStamp(connection) is null || LearnedOutputs.IsCurrent(connection),
                () => Train(connection),
                trained =>
                {
                    beforeStore?.Invoke();
                    return Store(connection, trained);
                });
        }
        catch (Exception) when (stamp is not null)
        {
            // Readers then say the projections could not be computed rather than that they are still coming.
            LearnedOutputs.RecordTrainingFailure(connection, stamp);
            throw;
        }
    }

    /// <summary>Trains and stores unconditionally (no lock: for a warehouse only the caller uses).</summary>
    public static LearnedRefreshResult Refresh(DuckDBConnection connection) => Store(connection, Train(connection));

    private static Trained Train(DuckDBConnection connection)
    {
        var clock = Stopwatch.StartNew();
        // The stamp is read before the metric tables are: if a metric refresh commits during training, the outputs are
        // stored under the older stamp and read as stale, never as the newer data's.
        var stamp = LearnedOutputs.MetricsStamp(connection)
            ?? throw new InvalidOperationException("The metric tables were never computed: refresh them before training.");
        var projections = ProjectionBacktest.Run(connection).SelectMany(b => DistrictProjection.All(connection, b)).ToList();
        var flags = new IndicatorCombinationDetector().Detect(new AnomalyContext(connection)).ToList();
        return new Trained(stamp, projections, flags, clock);
    }

    /// <summary>Replaces both tables in one transaction, each written by one bulk insert (the Arrow appender).</summary>
    private static LearnedRefreshResult Store(DuckDBConnection connection, Trained trained)
    {
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, "DELETE FROM ml_projection; DELETE FROM ml_combination_flag");
        using (var appender = connection.CreateArrowAppender("ml_projection"))
        {
            foreach (var p in trained.Projections)
            {
                appender.CreateRow().Append(p.Kind.IndicatorCode).Append(p.DistrictCode).Append(p.Year).Append(p.Quarter).Append(p.Towns)
                    .Append(Cents(p.ToDate)).Append(Cents(p.RunRate)).Append(p.Shipped.Code()).Append(Cents(p.Projection)).Append(Cents(p.Low))
                    .Append(Cents(p.High)).Append(p.Method).EndRow();
            }

            appender.Close();
        }

        using (var appender = connection.CreateArrowAppender("ml_combination_flag"))
        {
            foreach (var f in trained.Flags)
            {
                var row = appender.CreateRow().Append(f.DistrictCode).Append(f.DistrictName).Append(f.TownKey!.Value).Append(f.TownName).Append(f.Period)
                    .Append(f.IndicatorCode);
                row = f.Observed is { } observed ? row.Append(Cents(observed)) : row.AppendNull();
                row = f.Expected is { } expected ? row.Append(Cents(expected)) : row.AppendNull();
                row.Append(f.Score).Append(JsonSerializer.Serialize(f.Numbers, Json)).Append(f.Message).Append(f.Detail).EndRow();
            }

            appender.Close();
        }

        WarehouseSql.SetMeta(connection, LearnedOutputs.MetaKey, trained.Stamp);
        transaction.Commit();
        return new LearnedRefreshResult(trained.Projections.Count, trained.Flags.Count, trained.Clock.Elapsed);
    }

    // The columns are DECIMAL(18,2); rounded as DuckDB's own cast to that scale rounds (half away from zero).
    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
