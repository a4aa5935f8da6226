using Analytics.Warehouse;
using System.Text.Json;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>Runs every detector over the metric tables and stores the flags in anomaly_flag (replacing the previous run).</summary>
public static class AnomalyDetection
{
    public static IReadOnlyList<IAnomalyDetector> Detectors { get; } =
    [
        new SeasonalChangeDetector(), new LedgerMismatchDetector(), new DuplicatePaymentDetector(), new CertificateRateJumpDetector(),
        new MissingSubmissionDetector(), new ImpossibleValueDetector(), new PeerOutlierDetector(), new TargetAtRiskDetector(), new StoredCombinationFlags(),
    ];

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<AnomalyFlag> Run(DuckDBConnection connection, bool store = true)
    {
        var context = new AnomalyContext(connection);
        var flags = Detectors.SelectMany(d => d.Detect(context))
            .OrderBy(f => f.Period, StringComparer.Ordinal).ThenBy(f => f.DistrictCode, StringComparer.Ordinal).ThenBy(f => f.TownKey).ThenBy(f => f.Kind, StringComparer.Ordinal)
            .ToList();
        if (store)
        {
            Store(connection, flags);
        }

        return flags;
    }

    /// <summary>Flags of a quarter ("2024Q3") or of every quarter of a year ("2024").</summary>
    public static IEnumerable<AnomalyFlag> InPeriod(IEnumerable<AnomalyFlag> flags, string period) =>
        flags.Where(f => period.Length == 4 ? f.Period.StartsWith(period, StringComparison.Ordinal) : f.Period == period);

    /// <summary>Replaces the stored flags (anomaly_flag) with <paramref name="flags"/>, e.g. flags computed earlier without storing.</summary>
    public static void Store(DuckDBConnection connection, IReadOnlyList<AnomalyFlag> flags)
    {
        var now = DateTime.UtcNow;
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, "DELETE FROM anomaly_flag");
        using (var appender = connection.CreateAppender("anomaly_flag"))
        {
            foreach (var f in flags)
            {
                var row = appender.CreateRow().AppendValue(f.Kind).AppendValue(f.Severity).AppendValue(f.Level).AppendValue(f.DistrictCode);
                row = f.TownKey is { } k ? row.AppendValue(k) : row.AppendNullValue();
                row.AppendValue(f.TownName).AppendValue(f.Period).AppendValue(f.IndicatorCode);
                row = f.Observed is { } o ? row.AppendValue(o) : row.AppendNullValue();
                row = f.Expected is { } e ? row.AppendValue(e) : row.AppendNullValue();
                row.AppendValue(f.Score).AppendValue(JsonSerializer.Serialize(f.Numbers, Json)).AppendValue(f.Message).AppendValue(now).EndRow();
            }
        }

        transaction.Commit();
    }
}
