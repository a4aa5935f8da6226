using Analytics.Warehouse;
using System.Text.Json;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Metrics.Warehouse.Findings;

/// <summary>
/// The 督查发现台账 (finding, finding_inspection, finding_history): findings are added, corrected and withdrawn, an
/// item's inspection is closed (已检查) or reopened, and every change keeps who, when, the old and new values and why.
/// Throws <see cref="RubricInputException"/> with a Chinese message for anything the register refuses.
/// </summary>
public sealed class FindingStore(DuckDBConnection connection)
{
    private const string Columns = "finding_id, rubric_id, period, town_code, item_code, input_name, found_on, found_by, cases, description, " +
                                   "evidence, withdrawn, recorded_by, recorded_at, changed_by, changed_at";

    public Finding Add(Rubric rubric, AssessmentPeriod period, FindingEntry entry, string user, DateTime? at = null)
    {
        var (item, input) = Check(rubric, period, entry, user);
        var when = at ?? DateTime.UtcNow;
        using var transaction = connection.BeginTransaction();
        var id = WarehouseSql.Scalar<long>(connection, "SELECT nextval('finding_id')");
        WarehouseSql.Execute(connection, $"INSERT INTO finding ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, false, $12, $13, $12, $13)",
            id, rubric.Id, period.ToString(), entry.TownCode, item.Code, input.Name, entry.FoundOn, entry.FoundBy, entry.Cases,
            entry.Description.Trim(), entry.Evidence.Trim(), user.Trim(), when);
        var finding = Get(id)!;
        Log(finding.Id, finding, "add", null, Snapshot(finding), user, entry.Description.Trim(), when);
        transaction.Commit();
        return finding;
    }

    /// <summary>Replaces a finding's values (its rubric, period and 街镇 stay); the reason is required.</summary>
    public Finding Correct(Rubric rubric, long id, FindingEntry entry, string user, string reason, DateTime? at = null)
    {
        var old = Existing(rubric, id);
        if (old.Withdrawn)
        {
            throw new RubricInputException($"发现记录 {id} 已撤销，不能更正");
        }

        if (entry.TownCode != old.TownCode)
        {
            throw new RubricInputException($"发现记录 {id} 属于 {old.TownCode}，更正不能改变街镇；请撤销后重新登记");
        }

        AssessmentPeriod.TryParse(old.Period, out var period);
        var (item, input) = Check(rubric, period, entry, user);
        RequireReason(reason);
        var when = at ?? DateTime.UtcNow;
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, """
            UPDATE finding SET item_code = $2, input_name = $3, found_on = $4, found_by = $5, cases = $6, description = $7, evidence = $8,
                changed_by = $9, changed_at = $10 WHERE finding_id = $1
            """, id, item.Code, input.Name, entry.FoundOn, entry.FoundBy, entry.Cases, entry.Description.Trim(), entry.Evidence.Trim(), user.Trim(), when);
        var corrected = Get(id)!;
        Log(id, corrected, "correct", Snapshot(old), Snapshot(corrected), user, reason, when);
        transaction.Commit();
        return corrected;
    }

    /// <summary>Withdraws a finding (e.g. overturned on review): it stays listed with its history and counts no cases.</summary>
    public Finding Withdraw(Rubric rubric, long id, string user, string reason, DateTime? at = null)
    {
        var old = Existing(rubric, id);
        if (old.Withdrawn)
        {
            throw new RubricInputException($"发现记录 {id} 已撤销");
        }

        RequireUser(user);
        RequireReason(reason);
        var when = at ?? DateTime.UtcNow;
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, "UPDATE finding SET withdrawn = true, changed_by = $2, changed_at = $3 WHERE finding_id = $1", id, user.Trim(), when);
        var withdrawn = Get(id)!;
        Log(id, withdrawn, "withdraw", Snapshot(old), Snapshot(withdrawn), user, reason, when);
        transaction.Commit();
        return withdrawn;
    }

    /// <summary>
    /// Records that the bureau has finished inspecting an item of a 街镇 for the period (已检查): its cases are then the
    /// findings recorded, and none means "no problem found". Until then the item is 待评.
    /// </summary>
    public FindingInspection Close(Rubric rubric, AssessmentPeriod period, string townCode, string itemCode, string user, string reason,
        DateTime? at = null)
    {
        var item = CheckItem(rubric, period, townCode, itemCode);
        RequireUser(user);
        RequireReason(reason);
        if (Inspection(rubric.Id, period.ToString(), townCode, item.Code) is not null)
        {
            throw new RubricInputException($"{townCode} {item.Title} 的 {period} 检查已结项");
        }

        var when = at ?? DateTime.UtcNow;
        var inspection = new FindingInspection(rubric.Id, period.ToString(), townCode, item.Code, user.Trim(), when, reason.Trim());
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, "INSERT INTO finding_inspection VALUES ($1, $2, $3, $4, $5, $6, $7)",
            rubric.Id, period.ToString(), townCode, item.Code, user.Trim(), when, reason.Trim());
        Log(null, inspection, "close", null, Json(inspection), user, reason, when);
        transaction.Commit();
        return inspection;
    }

    /// <summary>Reopens a closed inspection (e.g. a complaint calls for another check): the item is 待评 again.</summary>
    public FindingInspection Reopen(Rubric rubric, AssessmentPeriod period, string townCode, string itemCode, string user, string reason,
        DateTime? at = null)
    {
        var item = CheckItem(rubric, period, townCode, itemCode);
        RequireUser(user);
        RequireReason(reason);
        var old = Inspection(rubric.Id, period.ToString(), townCode, item.Code)
                  ?? throw new RubricInputException($"{townCode} {item.Title} 的 {period} 检查尚未结项");
        var when = at ?? DateTime.UtcNow;
        using var transaction = connection.BeginTransaction();
        WarehouseSql.Execute(connection, "DELETE FROM finding_inspection WHERE rubric_id = $1 AND period = $2 AND town_code = $3 AND item_code = $4",
            rubric.Id, period.ToString(), townCode, item.Code);
        Log(null, old, "reopen", Json(old), null, user, reason, when);
        transaction.Commit();
        return old;
    }

    public Finding? Get(long id) => Read($"SELECT {Columns} FROM finding WHERE finding_id = $1", id).SingleOrDefault();

    /// <summary>The findings of a rubric (optionally one period and one 街镇), withdrawn ones included, in the order recorded.</summary>
    public IReadOnlyList<Finding> List(string rubricId, string? period = null, string? townCode = null) =>
        Read($"SELECT {Columns} FROM finding WHERE rubric_id = $1 AND ($2 IS NULL OR period = $2) AND ($3 IS NULL OR town_code = $3) ORDER BY finding_id",
            rubricId, period, townCode);

    public IReadOnlyList<FindingInspection> Inspections(string rubricId, string period, string? townCode = null)
    {
        var list = new List<FindingInspection>();
        using var command = Command("""
            SELECT rubric_id, period, town_code, item_code, closed_by, closed_at, reason FROM finding_inspection
            WHERE rubric_id = $1 AND period = $2 AND ($3 IS NULL OR town_code = $3) ORDER BY town_code, item_code
            """, rubricId, period, townCode);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new FindingInspection(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetDateTime(5), reader.GetString(6)));
        }

        return list;
    }

    public FindingInspection? Inspection(string rubricId, string period, string townCode, string itemCode) =>
        Inspections(rubricId, period, townCode).FirstOrDefault(i => i.ItemCode == itemCode);

    /// <summary>Every change to the register for one rubric, period and 街镇 (findings and inspections), oldest first.</summary>
    public IReadOnlyList<FindingChange> History(string rubricId, string period, string townCode)
    {
        var list = new List<FindingChange>();
        using var command = Command("""
            SELECT history_id, finding_id, rubric_id, period, town_code, item_code, action, old_value, new_value, changed_by, reason, changed_at
            FROM finding_history WHERE rubric_id = $1 AND period = $2 AND town_code = $3 ORDER BY history_id
            """, rubricId, period, townCode);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new FindingChange(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetDateTime(11)));
        }

        return list;
    }

    private (FindingItem Item, InputDefinition Input) Check(Rubric rubric, AssessmentPeriod period, FindingEntry entry, string user)
    {
        var item = CheckItem(rubric, period, entry.TownCode, entry.ItemCode);
        InputDefinition input;
        if (entry.InputName is null)
        {
            input = item.Inputs.Count == 1
                ? item.Inputs[0]
                : throw new RubricInputException(
                    $"{item.Title} 有多种发现（{string.Join("、", item.Inputs.Select(i => $"{i.Name} {i.Meaning}"))}），须指明计入哪一种");
        }
        else
        {
            input = item.Inputs.FirstOrDefault(i => i.Name == entry.InputName)
                    ?? throw new RubricInputException($"{item.Title} 不读取输入项 {entry.InputName}");
        }

        if (!FindingSources.All.Contains(entry.FoundBy))
        {
            throw new RubricInputException($"发现途径“{entry.FoundBy}”无效，应为 {string.Join("、", FindingSources.All)} 之一");
        }

        if (entry.Cases < 1)
        {
            throw new RubricInputException("发现例数至少为 1；未发现问题请将该项检查结项（已检查，未发现问题）");
        }

        if (string.IsNullOrWhiteSpace(entry.Description) || string.IsNullOrWhiteSpace(entry.Evidence))
        {
            throw new RubricInputException("须填写问题描述和佐证材料（文号、检查记录编号等）");
        }

        RequireUser(user);
        return (item, input);
    }

    private FindingItem CheckItem(Rubric rubric, AssessmentPeriod period, string townCode, string itemCode)
    {
        if (period.Year != rubric.Year)
        {
            throw new RubricInputException($"评分期 {period} 与评分方案 {rubric.Id} 的年度 {rubric.Year} 不一致");
        }

        var item = FindingItems.Find(rubric, itemCode)
                   ?? throw new RubricInputException($"评分方案 {rubric.Id} 没有按督查发现计分的评分项 {itemCode}");
        if (period.IsQuarter && item.Frequency == Frequency.Annual)
        {
            throw new RubricInputException($"{item.Title} 为年度考，发现计入全年（{period.Year}），不能计入 {period}");
        }

        var towns = WarehouseSql.Scalar<long>(connection, "SELECT count(*) FROM dim_region WHERE district_code = $1 AND town_code = $2",
            rubric.District.Code, townCode);
        if (towns == 0)
        {
            throw new RubricInputException($"{rubric.District.Name}没有街镇 {townCode}");
        }

        return item;
    }

    private Finding Existing(Rubric rubric, long id)
    {
        var finding = Get(id);
        return finding is not null && finding.RubricId == rubric.Id ? finding : throw new RubricInputException($"评分方案 {rubric.Id} 没有发现记录 {id}");
    }

    private static void RequireUser(string user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new RubricInputException("须填写登记人");
        }
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RubricInputException("须填写理由");
        }
    }

    private void Log(long? findingId, object subject, string action, string? oldValue, string? newValue, string user, string reason, DateTime when)
    {
        var (rubricId, period, town, item) = subject switch
        {
            Finding f => (f.RubricId, f.Period, f.TownCode, f.ItemCode),
            FindingInspection i => (i.RubricId, i.Period, i.TownCode, i.ItemCode),
            _ => throw new ArgumentException("unknown register subject", nameof(subject)),
        };
        WarehouseSql.Execute(connection, """
            INSERT INTO finding_history (finding_id, rubric_id, period, town_code, item_code, action, old_value, new_value, changed_by, reason, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, findingId, rubricId, period, town, item, action, oldValue, newValue, user.Trim(), reason.Trim(), when);
    }

    // The history keeps what a user sees of a finding; bookkeeping columns are the history row's own.
    private static string Snapshot(Finding f) => Json(new
    {
        item = f.ItemCode, input = f.InputName, found_on = f.FoundOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        found_by = f.FoundBy, cases = f.Cases, description = f.Description, evidence = f.Evidence, withdrawn = f.Withdrawn,
    });

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private List<Finding> Read(string sql, params object?[] parameters)
    {
        var list = new List<Finding>();
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new Finding(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateOnly>(6), reader.GetString(7), reader.GetInt32(8), reader.GetString(9),
                reader.GetString(10), reader.GetBoolean(11), reader.GetString(12), reader.GetDateTime(13), reader.GetString(14), reader.GetDateTime(15)));
        }

        return list;
    }

    private DuckDBCommand Command(string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.AddValue(p);
        }

        return command;
    }
}
