using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Rules;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Findings;

/// <summary>One unit's findings inputs for one period: the cases counted, and the inputs still awaiting inspection.</summary>
public sealed record FindingFigures(IReadOnlyDictionary<string, decimal?> Values, IReadOnlyDictionary<string, InputGap> Gaps);

/// <summary>
/// Turns the register into rubric inputs. An input of an item whose inspection the bureau has closed (已检查) is the sum
/// of the active findings' cases, 0 when none; until it is closed the input is 待评 (its item waits), and any cases
/// recorded so far are still given, so that a single veto case decides the veto at once. The district (全区) sums its
/// 街镇 and waits while any of them waits.
/// </summary>
public sealed class FindingInputs(DuckDBConnection connection)
{
    public IReadOnlyDictionary<(string Period, string UnitCode), FindingFigures> Read(Rubric rubric, IReadOnlyList<AssessmentPeriod> periods,
        IReadOnlyDictionary<AssessmentPeriod, IReadOnlyList<string>> townCodes, string districtCode)
    {
        var result = new Dictionary<(string, string), FindingFigures>();
        var items = FindingItems.Of(rubric);
        if (items.Count == 0)
        {
            return result;
        }

        var keys = string.Join(", ", periods.Select(p => WarehouseSql.Literal(p.ToString())));
        var cases = new Dictionary<(string Period, string Town, string Item, string Input), decimal>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT period, town_code, item_code, input_name, sum(cases) FROM finding
                WHERE rubric_id = $1 AND NOT withdrawn AND period IN ({keys}) GROUP BY ALL
                """;
            command.Parameters.AddValue(rubric.Id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cases[(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))] = WarehouseSql.Decimal(reader, 4)!.Value;
            }
        }

        var closed = new HashSet<(string Period, string Town, string Item)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT period, town_code, item_code FROM finding_inspection WHERE rubric_id = $1 AND period IN ({keys})";
            command.Parameters.AddValue(rubric.Id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                closed.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var period in periods)
        {
            var key = period.ToString();
            var assessed = items.Where(i => !(period.IsQuarter && i.Frequency == Frequency.Annual)).ToList();
            var districtValues = new Dictionary<string, decimal?>();
            var districtGaps = new Dictionary<string, InputGap>();
            foreach (var town in townCodes[period])
            {
                var values = new Dictionary<string, decimal?>();
                var gaps = new Dictionary<string, InputGap>();
                foreach (var item in assessed)
                {
                    var isClosed = closed.Contains((key, town, item.Code));
                    foreach (var input in item.Inputs)
                    {
                        var count = cases.GetValueOrDefault((key, town, item.Code, input.Name));
                        values[input.Name] = isClosed || count > 0 ? count : null;
                        districtValues[input.Name] = (districtValues.GetValueOrDefault(input.Name) ?? 0m) + count;
                        if (!isClosed)
                        {
                            var so = count > 0 ? $"，已登记 {Fmt.Num(count)} 例" : "";
                            gaps[input.Name] = new InputGap(ItemStatus.Pending, $"区民政局尚未完成{item.Code}检查（督查发现台账未结项{so}）");
                            districtGaps[input.Name] = new InputGap(ItemStatus.Pending, $"尚有街镇未完成{item.Code}检查（督查发现台账未结项）");
                        }
                    }
                }

                result[(key, town)] = new FindingFigures(values, gaps);
            }

            result[(key, districtCode)] = new FindingFigures(districtValues, districtGaps);
        }

        return result;
    }
}
