using Analytics.Forecasting.Projections;
using Analytics.Metrics.Warehouse.Learned;

namespace Analytics.Forecasting.Tests;

/// <summary>
/// The learned outputs are written by one bulk insert per table (the Arrow appender) inside the refresh's transaction:
/// every district projection the backtest ships is stored exactly as computed, under the metric tables' stamp.
/// </summary>
[Collection(HardAnomalyCollection.Name)]
public sealed class LearnedRefreshStoreTests(HardAnomalyWarehouse fixture)
{
    [Fact]
    public void Every_trained_projection_is_stored_as_computed_under_the_metric_stamp()
    {
        var result = LearnedOutputsFixture.Ensure(fixture);
        var connection = fixture.Connection;
        var computed = ProjectionBacktest.Run(connection).SelectMany(b => DistrictProjection.All(connection, b))
            .Select(p => (p.Kind.IndicatorCode, p.DistrictCode, p.Year, p.Quarter, p.Towns, p.ToDate, p.RunRate, p.Shipped.Code(), p.Projection, p.Low, p.High, p.Method))
            .Order()
            .ToList();

        var stored = new List<(string, string, int, int, int, decimal, decimal, string, decimal, decimal, decimal, string)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM ml_projection";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                stored.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetDecimal(5),
                    reader.GetDecimal(6), reader.GetString(7), reader.GetDecimal(8), reader.GetDecimal(9), reader.GetDecimal(10), reader.GetString(11)));
            }
        }

        // Three kinds × four districts × the years 2022–2024 × the cuts Q1–Q3.
        Assert.Equal(108, result.Projections);
        Assert.Equal(computed, stored.Order().ToList());
        Assert.Equal(LearnedOutputs.MetricsStamp(connection), LearnedOutputs.Stamp(connection));
        Assert.True(LearnedOutputs.IsCurrent(connection));
    }
}
