using System.Security.Cryptography;
using System.Text;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Loading;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// The demo's 视情给分: without them every judgement item is 待评 and scores 0, so every 街镇 of the demo would be 不合格
/// and tie. On a warehouse with no judgement at all, records a score for every judgement item of every 街镇 and period
/// with data, as a demo evaluator would, through the one <see cref="JudgementStore"/> (range-checked, with history).
/// Deterministic: a 街镇 keeps its quality level across items and periods, each item varies a little around it.
/// </summary>
public static class DemoJudgements
{
    public const string Evaluator = "演示评审员";
    public const string Reason = "演示数据：模拟的视情给分，可在视情给分页面修改";

    /// <summary>Seeds the judgements when the warehouse has none; returns how many were recorded (0 when it already had some).</summary>
    public static int SeedIfEmpty(DuckDBConnection connection)
    {
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM judgement";
            if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return 0;
            }
        }

        var store = new JudgementStore(connection);
        var units = new RubricInputBuilder(connection);
        var recorded = 0;
        foreach (var rubric in RubricCatalog.All)
        {
            foreach (var period in PeriodsWithData(connection, rubric))
            {
                // The 街镇 as they stood at the period's end, exactly as the scorer sees them.
                var towns = units.Units(rubric.District.Code, period).Where(u => !u.IsDistrict).Select(u => u.Code).ToList();
                foreach (var item in rubric.Items.Where(i => i.Rule is JudgementRule && (!period.IsQuarter || i.Frequency != Frequency.Annual)))
                {
                    foreach (var town in towns)
                    {
                        var score = Score((JudgementRule)item.Rule, item.Maximum, Quality(town) + Jitter(town, item.Code, period.ToString()));
                        store.Record(rubric, period, town, item.Code, score, Evaluator, Reason);
                        recorded++;
                    }
                }
            }
        }

        return recorded;
    }

    /// <summary>The rubric's quarters with loaded data, then its year when any quarter has data.</summary>
    internal static List<AssessmentPeriod> PeriodsWithData(DuckDBConnection connection, Rubric rubric)
    {
        var quarters = RunLog.Loaded(connection).Select(l => l.QuarterKey).ToHashSet();
        var periods = Enumerable.Range(1, 4)
            .Where(q => quarters.Contains(rubric.Year * 10 + q))
            .Select(q => AssessmentPeriod.ForQuarter(rubric.Year, q))
            .ToList();
        if (periods.Count > 0)
        {
            periods.Add(AssessmentPeriod.ForYear(rubric.Year));
        }

        return periods;
    }

    // A score of the item's range: the share of the maximum, rounded down to 0.1 (or the allowed score it reaches).
    private static decimal Score(JudgementRule rule, decimal maximum, decimal share)
    {
        share = Math.Clamp(share, 0m, 1m);
        if (rule.Allowed is { Count: > 0 } allowed)
        {
            var ordered = allowed.Order().ToList();
            return ordered[(int)Math.Min(ordered.Count - 1, Math.Floor(share * ordered.Count))];
        }

        var score = Math.Floor(maximum * share * 10m) / 10m;
        return Math.Clamp(score, rule.Minimum, maximum);
    }

    // 0.70–0.98 of the maximum: the 街镇's standing.
    private static decimal Quality(string town) => 0.70m + Unit(town) * 0.28m;

    // −0.08…+0.08 around it for one item and period.
    private static decimal Jitter(string town, string item, string period) => (Unit($"{town}|{item}|{period}") - 0.5m) * 0.16m;

    /// <summary>A stable number in [0, 1) from text (string.GetHashCode differs between runs).</summary>
    internal static decimal Unit(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return BitConverter.ToUInt32(hash, 0) / (decimal)uint.MaxValue * 0.999999m;
    }
}
