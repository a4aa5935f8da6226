using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Etl.Loading;

/// <summary>A 街镇 without a loaded ledger in a quarter whose ledgers were loaded.</summary>
public sealed record MissingLedger(int QuarterKey, string DistrictName, string TownName);

/// <summary>
/// Which 街镇 have no ledger: for every quarter with a succeeded ledger load, the towns (as they stood at the quarter's
/// end) of each district that submitted ledgers that quarter, without a row in fact_ledger.
/// </summary>
public static class LedgerCompleteness
{
    public static IReadOnlyList<MissingLedger> Missing(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH quarters AS (
                SELECT DISTINCT q.quarter_key, q.last_day
                FROM etl_run r JOIN dim_quarter q USING (quarter_key)
                WHERE r.feed = 'ledger' AND r.status = 'succeeded'),
            districts AS (SELECT DISTINCT quarter_key, district_code FROM fact_ledger)
            SELECT q.quarter_key, t.district_name, t.town_name
            FROM quarters q
            JOIN districts d USING (quarter_key)
            JOIN dim_region t ON t.district_code = d.district_code
                AND t.valid_from <= q.last_day AND (t.valid_to IS NULL OR t.valid_to > q.last_day)
            WHERE NOT EXISTS (SELECT 1 FROM fact_ledger f WHERE f.quarter_key = q.quarter_key AND f.town_key = t.town_key)
            ORDER BY q.quarter_key, t.district_code, t.town_name
            """;
        using var reader = command.ExecuteReader();
        var missing = new List<MissingLedger>();
        while (reader.Read())
        {
            missing.Add(new MissingLedger(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return missing;
    }
}
