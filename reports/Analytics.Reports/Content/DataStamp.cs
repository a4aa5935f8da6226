using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Reports.Content;

/// <summary>
/// The warehouse's load state as a briefing states it: data as-of (the latest successful load's finish time) and a
/// data version that changes whenever any load run is added or changes (a hash over every etl_run row's id, status
/// and finish time, prefixed with the newest run id so people can read it).
/// </summary>
public sealed record DataStamp(DateTimeOffset? AsOf, string Version, IReadOnlySet<string> LoadedQuarters)
{
    public static DataStamp Read(DuckDBConnection connection)
    {
        var text = new StringBuilder();
        long maxRun = 0;
        DateTime? asOf = null;
        var quarters = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, status, finished_at, feed, quarter_key FROM etl_run ORDER BY run_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var run = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            var status = reader.GetString(1);
            DateTime? finished = reader.IsDBNull(2) ? null : reader.GetDateTime(2);
            text.Append(run).Append('|').Append(status).Append('|').Append(finished?.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
            maxRun = Math.Max(maxRun, run);
            if (status == "succeeded")
            {
                if (finished is { } f && (asOf is null || f > asOf))
                {
                    asOf = f;
                }

                // Reference data (population, region changes) alone is no quarter of business data.
                if (reader.GetString(3) != "reference")
                {
                    var key = Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture);
                    quarters.Add($"{key / 10}Q{key % 10}");
                }
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..8];
        // etl_run times are UTC (the loader writes DateTime.UtcNow).
        var asOfUtc = asOf is { } a ? new DateTimeOffset(DateTime.SpecifyKind(a, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        return new DataStamp(asOfUtc, $"R{maxRun}-{hash}", quarters);
    }

    /// <summary>Whether the warehouse holds business data for (some of) the period: a quarter, or any quarter of a year.</summary>
    public bool Covers(Metrics.AssessmentPeriod period) => period.Quarter is { } q
        ? LoadedQuarters.Contains($"{period.Year}Q{q}")
        : Enumerable.Range(1, 4).Any(n => LoadedQuarters.Contains($"{period.Year}Q{n}"));
}
