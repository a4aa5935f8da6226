using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Metrics.Warehouse.Scoring;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// The demo's 督查发现台账: without it every findings item of 长宁 is 待评. On a warehouse with an empty register,
/// the demo evaluator records a few findings (about one 街镇-item in six, never a veto case) and closes every findings
/// item of every 街镇 and period with data, through the one <see cref="FindingStore"/> (validated, with history).
/// Deterministic, like <see cref="DemoJudgements"/>.
/// </summary>
public static class DemoFindings
{
    public const string Description = "演示数据：模拟的督查发现，可在视情给分页面撤销";
    public const string Reason = "演示数据：模拟的检查结项";

    /// <summary>Seeds the register when it is empty; returns the findings and closures recorded (0 when it had any).</summary>
    public static (int Findings, int Closed) SeedIfEmpty(DuckDBConnection connection)
    {
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT (SELECT count(*) FROM finding) + (SELECT count(*) FROM finding_inspection)";
            if (Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return (0, 0);
            }
        }

        var store = new FindingStore(connection);
        var units = new RubricInputBuilder(connection);
        var (findings, closed) = (0, 0);
        foreach (var rubric in RubricCatalog.All)
        {
            var items = FindingItems.Of(rubric);
            if (items.Count == 0)
            {
                continue;
            }

            foreach (var period in DemoJudgements.PeriodsWithData(connection, rubric))
            {
                var towns = units.Units(rubric.District.Code, period).Where(u => !u.IsDistrict).Select(u => u.Code).ToList();
                foreach (var item in items.Where(i => !period.IsQuarter || i.Frequency != Frequency.Annual))
                {
                    foreach (var town in towns)
                    {
                        var draw = DemoJudgements.Unit($"{town}|{item.Code}|{period}|finding");
                        var cases = item.IsVeto ? 0 : draw < 0.04m ? 2 : draw < 0.17m ? 1 : 0;
                        if (cases > 0)
                        {
                            var input = item.Inputs[(int)(DemoJudgements.Unit($"{town}|{item.Code}|input") * item.Inputs.Count)];
                            var source = FindingSources.All[(int)(draw * 100m) % FindingSources.All.Count];
                            var found = period.LastDay.AddDays(-(int)(draw * 300m));
                            store.Add(rubric, period, new FindingEntry(town, item.Code, input.Name, found, source, cases, Description, "演示数据"),
                                DemoJudgements.Evaluator);
                            findings++;
                        }

                        store.Close(rubric, period, town, item.Code, DemoJudgements.Evaluator, Reason);
                        closed++;
                    }
                }
            }
        }

        return (findings, closed);
    }
}
