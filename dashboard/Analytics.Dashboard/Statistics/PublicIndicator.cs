namespace Analytics.Dashboard.Statistics;

/// <summary>
/// An aggregate count shown to the public, computed from one fact table per 街镇 and quarter.
/// <see cref="Sql"/> selects <c>quarter_key, town_key, district_code, value</c>; <see cref="Definition"/> says the same in words
/// for the methodology page.
/// </summary>
public sealed record PublicIndicator(string Code, string Name, string Unit, string Domain, string Sql, string Definition)
{
    public static readonly IReadOnlyList<PublicIndicator> All =
    [
        Count("dibao", "低保在册人数", "人", "社会救助",
            "fact_assistance_recipients WHERE category = 'dibao' AND status = 'active'",
            "季度末救助对象名册中救助类别为低保、状态为在册的人数，按救助对象所在街镇汇总"),
        Count("low_income", "低收入在册人数", "人", "社会救助",
            "fact_assistance_recipients WHERE category = 'low_income' AND status = 'active'",
            "季度末救助对象名册中救助类别为低收入、状态为在册的人数，按街镇汇总"),
        Count("tekun", "特困供养人数", "人", "社会救助",
            "fact_assistance_recipients WHERE category = 'tekun' AND status = 'active'",
            "季度末救助对象名册中救助类别为特困供养、状态为在册的人数，按街镇汇总"),
        Count("temporary_assistance", "临时救助人次", "人次", "社会救助",
            "fact_assistance_payments WHERE category = 'temporary_assistance'",
            "季度内救助金发放记录中救助类别为临时救助的笔数（一人多次救助计多人次），按街镇汇总"),
        new("eldercare_institutions", "养老机构数", "家", "养老服务",
            "SELECT quarter_key, town_key, district_code, count(DISTINCT institution_id) AS value FROM fact_eldercare_institutions GROUP BY ALL",
            "季度末养老机构名册中不同机构编号的个数，按机构所在街镇汇总"),
        new("eldercare_beds", "养老机构核定床位", "张", "养老服务",
            "SELECT quarter_key, town_key, district_code, sum(beds_total)::BIGINT AS value FROM fact_eldercare_institutions GROUP BY ALL",
            "季度末养老机构名册中各机构核定床位数之和，按机构所在街镇汇总"),
        Count("social_organisations", "社会组织数", "家", "社会组织",
            "fact_socialorg_organisations WHERE status = 'active'",
            "季度末社会组织登记名册中状态为正常（未注销）的社会组织个数，按登记所在街镇汇总"),
    ];

    public static PublicIndicator? Find(string code) => All.FirstOrDefault(i => i.Code == code);

    private static PublicIndicator Count(string code, string name, string unit, string domain, string fromWhere, string definition) =>
        new(code, name, unit, domain, $"SELECT quarter_key, town_key, district_code, count(*) AS value FROM {fromWhere} GROUP BY ALL", definition);
}
