using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>重复发放: the same recipient paid twice for the same month, category, type and amount under different payment ids.</summary>
public sealed class DuplicatePaymentDetector : IAnomalyDetector
{
    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        var rows = new List<(int Town, int Quarter, long Extra, long Recipients, decimal Amount)>();
        using (var command = context.Connection.CreateCommand())
        {
            command.CommandText = """
                SELECT town_key, quarter_key, CAST(sum(n - 1) AS BIGINT), count(DISTINCT recipient_id), CAST(sum((n - 1) * amount) AS DECIMAL(18,2))
                FROM (SELECT town_key, quarter_key, recipient_id, category, payment_type, pay_month, amount, count(*) AS n
                      FROM fact_assistance_payments WHERE town_key IS NOT NULL
                      GROUP BY ALL HAVING count(*) > 1)
                GROUP BY town_key, quarter_key ORDER BY town_key, quarter_key
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2),
                    reader.GetInt64(3), WarehouseSql.Decimal(reader, 4) ?? 0m));
            }
        }

        foreach (var (town, quarter, extra, recipients, amount) in rows)
        {
            var period = $"{quarter / 10}Q{quarter % 10}";
            var numbers = new Dictionary<string, object?> { ["duplicate_rows"] = extra, ["recipients"] = recipients, ["amount"] = amount };
            yield return context.TownFlag(AnomalyKinds.DuplicatePayments, extra >= 5 ? Severity.High : Severity.Medium, town, period, "assistance.payment_amount",
                extra, 0m, extra, numbers,
                $"{period} 有 {extra} 笔救助金重复发放（{recipients} 名对象同一月份、同一金额发放两次以上），涉及金额 {amount:0.##} 元");
        }
    }
}
