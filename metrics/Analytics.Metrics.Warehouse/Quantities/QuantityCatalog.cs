using Analytics.Sources.Catalog;
using Analytics.Warehouse.Schema;

namespace Analytics.Metrics.Warehouse.Quantities;

/// <summary>
/// Every base quantity the metrics layer measures from the facts; names follow docs/rubric-inputs.md so a rubric
/// input is simply the quantity of the same name. Derivations follow <see cref="RubricInputs"/>.
/// </summary>
public static class QuantityCatalog
{
    private static readonly Lazy<IReadOnlyList<Quantity>> Items = new(Build);

    public static IReadOnlyList<Quantity> All => Items.Value;

    public static Quantity? Find(string code) => All.FirstOrDefault(q => q.Code == code);

    public static Quantity Get(string code) => Find(code) ?? throw new KeyNotFoundException($"未知基础指标 {code} (unknown quantity)");

    private const string Civil = "f.business_type = 'civil_assistance'";
    private const string Housing = "f.business_type = 'housing_security'";
    // The last day of the row's quarter: an open request is overdue only once its deadline has passed by then.
    private const string QuarterEnd = "last_day(make_date(CAST(f.quarter_key // 10 AS INTEGER), CAST(f.quarter_key % 10 * 3 AS INTEGER), 1))";
    private const string Overdue = $"(f.finished_date > f.deadline_date OR (f.finished_date IS NULL AND f.deadline_date <= {QuarterEnd}))";
    private const string Finished = "f.finished_date IS NOT NULL";
    private const string InQuarter = "= f.quarter_key";

    private static List<Quantity> Build()
    {
        var list = new List<Quantity>();
        void Add(string code, string label, string unit, string feed, string file, string expression, QuantityKind kind) =>
            list.Add(new Quantity(code, label, unit, feed, StarSchema.TableName(SourceCatalog.File(feed, file)), expression, kind, feed != "reference"));
        void Count(string code, string label, string unit, string feed, string file, string? where, QuantityKind kind) =>
            Add(code, label, unit, feed, file, where is null ? "count(*)" : $"count(*) FILTER (WHERE {where})", kind);

        const QuantityKind F = QuantityKind.Flow, S = QuantityKind.Stock;

        // 社会救助信息系统.
        foreach (var (category, label) in new[] { ("dibao", "低保"), ("low_income", "低收入"), ("tekun", "特困供养"), ("severe_disability", "重残无业") })
        {
            Count($"{category}.recipients", $"{label}在册人数", "人", "assistance", "recipients", $"f.category = '{category}' AND f.status = 'active'", S);
        }

        Count("dibao.uninsured", "低保对象未参保人数", "例", "assistance", "recipients", "f.category = 'dibao' AND f.status = 'active' AND NOT f.medical_insured", S);
        // 全年未参保例数: a recipient uninsured at a quarter end is a case unless already one at the previous quarter end of
        // the same year, so the year's sum counts each uninsured spell once and the first quarter takes everyone uninsured.
        var recipients = StarSchema.TableName(SourceCatalog.File("assistance", "recipients"));
        // The previous quarter is looked up as an uncorrelated set of (recipient, next quarter) keys: a correlated
        // NOT EXISTS inside the aggregate's FILTER made this one quantity cost more than all the others together.
        Count("dibao.uninsured_cases", "低保对象未参保例数（全年新发现）", "例", "assistance", "recipients",
            "f.category = 'dibao' AND f.status = 'active' AND NOT f.medical_insured AND (f.quarter_key % 10 = 1 OR f.recipient_id IS NULL OR " +
            $"{{'r': f.recipient_id, 'q': f.quarter_key}} NOT IN (SELECT {{'r': p.recipient_id, 'q': p.quarter_key + 1}} FROM {recipients} p " +
            "WHERE p.recipient_id IS NOT NULL AND p.category = 'dibao' AND p.status = 'active' AND NOT p.medical_insured))", F);
        // 人次: one assistance decision (审批通过) is one person helped once, however many payments follow it.
        Count("assistance.temporary_cases", "临时救助人次", "人次", "assistance", "case_events", "f.event_type = 'approval' AND f.category = 'temporary_assistance'", F);
        Count("assistance.expenditure_poverty_cases", "支出型贫困救助人次", "人次", "assistance", "case_events", "f.event_type = 'approval' AND f.category = 'expenditure_poverty'", F);
        Count("assistance.festival_relief_cases", "帮困送温暖人次", "人次", "assistance", "payments", "f.payment_type = 'festival_relief'", F);
        Add("assistance.payment_amount", "救助金发放金额", "元", "assistance", "payments", "sum(f.amount)", F);
        Count("assistance.periodic_reviews_late", "定期复审超时例数", "例", "assistance", "case_events", "f.event_type = 'periodic_review' AND f.event_date > f.due_date", F);
        Count("assistance.follow_ups_late", "退出回访超时例数", "例", "assistance", "case_events", "f.event_type = 'follow_up_visit' AND f.event_date > f.due_date", F);

        // 居民经济状况核对系统.
        Count("hedui.certified_verifiers", "持证在岗核对员人数", "名", "verification", "verifiers", "f.in_post AND f.certified", S);
        Count("hedui.trained_verifiers", "受培训核对员人数", "名", "verification", "verifiers", "f.in_post AND f.trained", S);
        Count("hedui.training_required", "核对员继续教育应参训人次", "人次", "verification", "verifiers", "f.training_required", S);
        Count("hedui.training_attended", "核对员继续教育实际参训人次", "人次", "verification", "verifiers", "f.training_required AND f.training_attended", S);
        Count("hedui.incomplete_applications", "民政救助类申请材料不符合要求例数", "例", "verification", "requests", $"{Civil} AND NOT f.materials_complete", F);
        void Households(string code, string label, string where) => Add(code, label, "件", "verification", "requests", $"coalesce(sum(f.households) FILTER (WHERE {where}), 0)", F);
        Households("hedui.civil_total", "民政救助类核对办结件数", $"{Civil} AND {Finished}");
        Households("hedui.civil_overdue", "民政救助类核对超期件数", $"{Civil} AND {Overdue}");
        Households("hedui.civil_submitted", "民政救助类核对报送市级件数", Civil);
        Households("hedui.civil_returned", "民政救助类核对市级退回件数", $"{Civil} AND f.returned_by_city");
        Households("hedui.housing_total", "住房保障类核对办结件数", $"{Housing} AND {Finished}");
        Households("hedui.housing_overdue", "住房保障类核对超期件数", $"{Housing} AND {Overdue}");
        Households("hedui.housing_submitted", "住房保障类核对报送市级件数", Housing);
        Households("hedui.housing_returned", "住房保障类核对市级退回件数", $"{Housing} AND f.returned_by_city");
        Households("hedui.submitted", "核对委托户次", "true");
        Households("hedui.returned", "核对市级退回件数", "f.returned_by_city");
        Households("hedui.overdue", "核对超期件数", Overdue);

        // 养老服务“云监管”平台.
        Add("eldercare.beds", "养老床位数", "张", "eldercare", "institutions", "coalesce(sum(f.beds_total), 0)", S);
        Add("eldercare.nursing_beds", "护理型床位数", "张", "eldercare", "institutions", "coalesce(sum(f.beds_nursing), 0)", S);
        Add("eldercare.dementia_beds", "认知障碍照护床位数", "张", "eldercare", "institutions", "coalesce(sum(f.beds_dementia), 0)", S);
        Add("eldercare.occupied_beds", "入住人数", "人", "eldercare", "institutions", "coalesce(sum(f.beds_occupied), 0)", S);
        Count("eldercare.institutions", "养老服务机构数", "家", "eldercare", "institutions", null, S);
        Count("eldercare.cloud_supervised", "纳入云监管机构数", "家", "eldercare", "institutions", "f.cloud_supervised", S);
        Count("eldercare.staff", "养老服务机构从业人员数", "人", "eldercare", "staff", null, S);
        Count("eldercare.certified_staff", "养老服务机构持证从业人员数", "人", "eldercare", "staff", "f.has_certificate", S);
        Count("eldercare.skill_certified_staff", "养老服务机构持等级证从业人员数", "人", "eldercare", "staff", "f.skill_level <> 'none'", S);
        Count("eldercare.care_workers", "养老护理员人数", "人", "eldercare", "staff", "f.role = 'care_worker'", S);
        Count("eldercare.certified_care_workers", "持证养老护理员人数", "人", "eldercare", "staff", "f.role = 'care_worker' AND f.has_certificate", S);
        Count("eldercare.skill_certified_care_workers", "持等级证养老护理员人数", "人", "eldercare", "staff", "f.role = 'care_worker' AND f.skill_level <> 'none'", S);
        Count("eldercare.senior_certified_workers", "持中高级等级证书的养老护理员人数", "人", "eldercare", "staff",
            "f.role = 'care_worker' AND f.skill_level IN ('intermediate', 'senior', 'technician', 'senior_technician')", S);
        Add("eldercare.meals_served", "助餐人次", "人次", "eldercare", "meals", "coalesce(sum(f.meals_served), 0)", F);
        Add("eldercare.subsidised_meals", "享受就餐补贴人次", "人次", "eldercare", "meals", "coalesce(sum(f.subsidised_meals), 0)", F);

        // 社会组织登记管理系统.
        Count("socorg.registered", "辖区登记社会组织数", "家", "socialorg", "organisations", "f.status = 'active'", S);
        Count("socorg.rated", "获评估等级的社会组织数", "家", "socialorg", "organisations", "f.status = 'active' AND f.evaluation_grade IS NOT NULL", S);
        Count("socorg.rated_3a_plus", "获 3A 以上评估等级的社会组织数", "家", "socialorg", "organisations", "f.status = 'active' AND f.evaluation_grade IN ('3A', '4A', '5A')", S);
        Count("socorg.evaluation_eligible", "业务主管社会组织应评数", "家", "socialorg", "organisations", "f.status = 'active' AND f.evaluation_due", S);
        Count("socorg.evaluation_participants", "业务主管社会组织参评数", "家", "socialorg", "organisations",
            "f.status = 'active' AND f.evaluation_due AND f.evaluation_participated", S);
        Count("socorg.new_registrations", "新成立社会组织数", "家", "socialorg", "organisations", $"year(f.registered_date) * 10 + quarter(f.registered_date) {InQuarter}", F);
        Count("socorg.cancellations", "注销社会组织数", "家", "socialorg", "organisations", $"year(f.cancelled_date) * 10 + quarter(f.cancelled_date) {InQuarter}", F);
        Count("socorg.groups_inspection_due", "应参加年检的社会团体数", "家", "socialorg", "inspections", "f.org_type = 'social_group'", F);
        Count("socorg.groups_inspected", "已完成年检的社会团体数", "家", "socialorg", "inspections", "f.org_type = 'social_group' AND f.submitted", F);
        Count("socorg.agencies_inspection_due", "应参加年检的社会服务机构数", "家", "socialorg", "inspections", "f.org_type = 'social_service_agency'", F);
        Count("socorg.agencies_inspected", "已完成年检的社会服务机构数", "家", "socialorg", "inspections", "f.org_type = 'social_service_agency' AND f.submitted", F);
        Count("socorg.inspection_due", "应参加年检的社会组织数", "家", "socialorg", "inspections", null, F);
        Count("socorg.inspected", "已参检的社会组织数", "家", "socialorg", "inspections", "f.submitted", F);

        // 人口与区划基础数据: unknown rather than zero when absent.
        Add("population.registered", "户籍人口", "人", "reference", "population", "max(f.registered_population)", S);
        Add("population.resident", "常住人口", "人", "reference", "population", "max(f.resident_population)", S);
        Add("population.registered_elderly", "户籍老年人口", "人", "reference", "population", "max(f.registered_elderly)", S);

        // 街镇季度台账: every aggregated ledger column, named as in RubricInputs (first '_' becomes '.').
        var ledger = SourceCatalog.File("ledger", SourceCatalog.LedgerFileId);
        foreach (var column in ledger.Columns.Where(c => c.Aggregation != Aggregation.None))
        {
            var kind = column.Aggregation switch { Aggregation.Sum => F, Aggregation.Max => QuantityKind.Max, _ => S };
            var function = column.Aggregation == Aggregation.Max ? "max" : "sum";
            list.Add(new Quantity(LedgerName(column.Name), column.Label, column.Unit ?? "", "ledger", "fact_ledger", $"{function}(f.{column.Name})", kind, false));
        }

        list.Add(new Quantity("assistance.advisor_station_towns", "已建成救助顾问服务站的街镇数", "个", "ledger", "fact_ledger",
            "CASE WHEN max(f.assistance_advisor_stations) >= 1 THEN 1 ELSE 0 END", S, false));
        list.Add(new Quantity("ledger.submitted", "台账报送份数", "份", "ledger", "fact_ledger", "count(*)", F, true));
        return list;
    }

    private static string LedgerName(string column)
    {
        var at = column.IndexOf('_');
        return at < 0 ? column : string.Concat(column.AsSpan(0, at), ".", column.AsSpan(at + 1));
    }
}
