using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Rules;
using Analytics.Warehouse;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>One change of a judgement: who, when, old value, new value, and why.</summary>
public sealed record JudgementChange(string RubricId, string Period, string TownCode, string ItemCode, decimal? OldScore, decimal NewScore,
    string Evaluator, string Reason, DateTime ChangedAt);

/// <summary>A score to record for one 街镇 (or the district) and judgement item, with its reason.</summary>
public sealed record JudgementInput(string TownCode, string ItemCode, decimal Score, string Reason);

/// <summary>视情给分 scores recorded by evaluators, with their full history (judgement + judgement_history).</summary>
public sealed class JudgementStore(DuckDBConnection connection)
{
    /// <summary>
    /// Records (or replaces) an evaluator's score for a judgement item after checking it against the item's range; the
    /// change is appended to the history. Throws <see cref="RubricInputException"/> with a Chinese message when invalid.
    /// </summary>
    public JudgementChange Record(Rubric rubric, AssessmentPeriod period, string townCode, string itemCode, decimal score, string evaluator, string reason,
        DateTime? at = null) =>
        RecordAll(rubric, period, [new JudgementInput(townCode, itemCode, score, reason)], evaluator, at)[0];

    /// <summary>
    /// Records several scores in one transaction, each with its history row: every one is checked first, and a single
    /// refusal (<see cref="RubricInputException"/>) records none.
    /// </summary>
    public IReadOnlyList<JudgementChange> RecordAll(Rubric rubric, AssessmentPeriod period, IReadOnlyList<JudgementInput> inputs, string evaluator,
        DateTime? at = null)
    {
        foreach (var input in inputs)
        {
            if (Refusal(rubric, period, input.TownCode, input.ItemCode, input.Score, evaluator, input.Reason) is { } refusal)
            {
                throw new RubricInputException(refusal);
            }
        }

        var when = at ?? DateTime.UtcNow;
        using var transaction = connection.BeginTransaction();
        var changes = inputs.Select(i => Write(rubric, period, i, evaluator.Trim(), when)).ToList();
        transaction.Commit();
        return changes;
    }

    /// <summary>
    /// Why a score (or, for a bureau entry, a value) cannot be recorded for the item and unit (in Chinese), or null when it
    /// can.
    /// </summary>
    public static string? Refusal(Rubric rubric, AssessmentPeriod period, string unitCode, string itemCode, decimal score, string evaluator, string reason)
    {
        if (period.Year != rubric.Year)
        {
            return $"评分期 {period} 与评分方案 {rubric.Id} 的年度 {rubric.Year} 不一致";
        }

        var item = rubric.FindItem(itemCode);
        if (item is null)
        {
            return $"评分方案 {rubric.Id} 没有评分项 {itemCode}";
        }

        if (item.Rule is EntryRule entry)
        {
            if (EntryRefusal(rubric, item, entry, unitCode, score) is { } refusal)
            {
                return refusal;
            }
        }
        else if (item.Rule is not JudgementRule rule)
        {
            return $"评分项 {itemCode}（{item.Name}）按规则 {item.Rule.Type} 自动计算，不能录入视情给分";
        }
        else
        {
            if (period.IsQuarter && item.Frequency == Frequency.Annual)
            {
                return $"评分项 {itemCode}（{item.Name}）为年度考，只能按全年（{period.Year}）录入";
            }

            var valid = rule.Allowed is { } allowed ? allowed.Contains(score) : score >= rule.Minimum && score <= item.Maximum;
            if (!valid)
            {
                var range = rule.Allowed is { } a ? string.Join("/", a.Select(Fmt.Num)) : $"{Fmt.Num(rule.Minimum)}–{Fmt.Num(item.Maximum)}";
                return $"评分项 {itemCode}（{item.Name}）的评估分 {Fmt.Num(score)} 超出允许范围 {range}";
            }
        }

        return string.IsNullOrWhiteSpace(evaluator) || string.IsNullOrWhiteSpace(reason)
            ? item.Rule is EntryRule ? "区局录入须填写录入人和理由" : "视情给分须填写评估人和理由"
            : null;
    }

    private JudgementChange Write(Rubric rubric, AssessmentPeriod period, JudgementInput input, string evaluator, DateTime when)
    {
        var old = WarehouseSql.Scalar<decimal?>(connection,
            "SELECT score FROM judgement WHERE rubric_id = $1 AND period = $2 AND town_code = $3 AND item_code = $4",
            rubric.Id, period.ToString(), input.TownCode, input.ItemCode);
        var reason = input.Reason.Trim();
        WarehouseSql.Execute(connection, "INSERT OR REPLACE INTO judgement VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            rubric.Id, period.ToString(), input.TownCode, input.ItemCode, input.Score, evaluator, reason, when);
        WarehouseSql.Execute(connection, """
            INSERT INTO judgement_history (rubric_id, period, town_code, item_code, old_score, new_score, evaluator, reason, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, rubric.Id, period.ToString(), input.TownCode, input.ItemCode, old, input.Score, evaluator, reason, when);
        return new JudgementChange(rubric.Id, period.ToString(), input.TownCode, input.ItemCode, old, input.Score, evaluator, reason, when);
    }

    // A bureau entry is a district figure: it belongs to the district as a whole, never to one 街镇.
    private static string? EntryRefusal(Rubric rubric, RubricItem item, EntryRule entry, string unitCode, decimal value)
    {
        if (unitCode != rubric.District.Code)
        {
            return $"评分项 {item.Code}（{item.Name}）是全区目标，只能按{rubric.District.Name}（全区）录入";
        }

        return entry.Invalid(value) is { } why ? $"评分项 {item.Code}（{item.Name}）的录入值 {Fmt.Num(value)} 无效：{why}" : null;
    }

    /// <summary>Town code → item code → judgement, for one rubric and period.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, Judgement>> ForPeriod(string rubricId, string period) =>
        ForPeriods(rubricId, [period]).GetValueOrDefault(period) ?? new Dictionary<string, Dictionary<string, Judgement>>();

    /// <summary>Period → town code → item code → judgement, for one rubric and several periods in one query.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Dictionary<string, Judgement>>> ForPeriods(string rubricId, IReadOnlyList<string> periods)
    {
        var result = new Dictionary<string, Dictionary<string, Dictionary<string, Judgement>>>();
        if (periods.Count == 0)
        {
            return new Dictionary<string, IReadOnlyDictionary<string, Dictionary<string, Judgement>>>();
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT period, town_code, item_code, score, evaluator, reason, recorded_at FROM judgement " +
                              $"WHERE rubric_id = $1 AND period IN ({string.Join(", ", periods.Select(WarehouseSql.Literal))})";
        command.Parameters.AddValue(rubricId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!result.TryGetValue(reader.GetString(0), out var towns))
            {
                result[reader.GetString(0)] = towns = [];
            }

            var town = reader.GetString(1);
            if (!towns.TryGetValue(town, out var items))
            {
                towns[town] = items = [];
            }

            items[reader.GetString(2)] = new Judgement(WarehouseSql.Decimal(reader, 3)!.Value, reader.GetString(4), reader.GetString(5),
                reader.GetDateTime(6), reader.GetString(0));
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, Dictionary<string, Judgement>>)p.Value);
    }

    /// <summary>Every change of one item's judgement, oldest first.</summary>
    public IReadOnlyList<JudgementChange> History(string rubricId, string period, string townCode, string itemCode)
    {
        var list = new List<JudgementChange>();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT old_score, new_score, evaluator, reason, changed_at FROM judgement_history
            WHERE rubric_id = $1 AND period = $2 AND town_code = $3 AND item_code = $4 ORDER BY history_id
            """;
        command.Parameters.AddValue(rubricId);
        command.Parameters.AddValue(period);
        command.Parameters.AddValue(townCode);
        command.Parameters.AddValue(itemCode);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new JudgementChange(rubricId, period, townCode, itemCode, WarehouseSql.Decimal(reader, 0), WarehouseSql.Decimal(reader, 1)!.Value,
                reader.GetString(2), reader.GetString(3), reader.GetDateTime(4)));
        }

        return list;
    }
}
