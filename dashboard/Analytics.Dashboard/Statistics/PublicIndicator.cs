namespace Analytics.Dashboard.Statistics;

/// <summary>
/// An aggregate count shown to the public, computed from one fact table per 街镇 and quarter.
/// <see cref="Sql"/> selects <c>quarter_key, town_key, district_code, value</c>.
/// </summary>
public sealed record PublicIndicator(string Code, string Name, string Unit, string Domain, string Sql)
{
    public static readonly IReadOnlyList<PublicIndicator> All =
    [
        Count("dibao", "低保在册人数", "人", "社会救助",
            "fact_assistance_recipients WHERE category = 'dibao' AND status = 'active'"),
        Count("low_income", "低收入在册人数", "人", "社会救助",
            "fact_assistance_recipients WHERE category = 'low_income' AND status = 'active'"),
        Count("tekun", "特困供养人数", "人", "社会救助",
            "fact_assistance_recipients WHERE category = 'tekun' AND status = 'active'"),
        Count("temporary_assistance", "临时救助人次", "人次", "社会救助",
            "fact_assistance_payments WHERE category = 'temporary_assistance'"),
        new("eldercare_institutions", "养老机构数", "家", "养老服务",
            "SELECT quarter_key, town_key, district_code, count(DISTINCT institution_id) AS value FROM fact_eldercare_institutions GROUP BY ALL"),
        new("eldercare_beds", "养老机构核定床位", "张", "养老服务",
            "SELECT quarter_key, town_key, district_code, sum(beds_total)::BIGINT AS value FROM fact_eldercare_institutions GROUP BY ALL"),
        Count("social_organisations", "社会组织数", "家", "社会组织",
            "fact_socialorg_organisations WHERE status = 'active'"),
    ];

    public static PublicIndicator? Find(string code) => All.FirstOrDefault(i => i.Code == code);

    private static PublicIndicator Count(string code, string name, string unit, string domain, string fromWhere) =>
        new(code, name, unit, domain, $"SELECT quarter_key, town_key, district_code, count(*) AS value FROM {fromWhere} GROUP BY ALL");
}
