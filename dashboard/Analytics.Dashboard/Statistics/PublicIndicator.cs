using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Quantities;

namespace Analytics.Dashboard.Statistics;

/// <summary>
/// An aggregate count shown to the public: one indicator of the catalog (<see cref="IndicatorCatalog"/>), so its name,
/// unit, direction and SQL are the ones the leadership pages, briefings and methodology use. <see cref="Sql"/> selects
/// <c>quarter_key, town_key, district_code, value</c>; <see cref="Definition"/> says the same in words.
/// </summary>
public sealed record PublicIndicator(string Code, Indicator Indicator, string Definition)
{
    public static readonly IReadOnlyList<PublicIndicator> All =
    [
        new("dibao", IndicatorCatalog.Get("dibao.recipients"),
            "季度末救助对象名册中救助类别为低保、状态为在册的人数，按救助对象所在街镇汇总"),
        new("low_income", IndicatorCatalog.Get("low_income.recipients"),
            "季度末救助对象名册中救助类别为低收入、状态为在册的人数，按街镇汇总"),
        new("tekun", IndicatorCatalog.Get("tekun.recipients"),
            "季度末救助对象名册中救助类别为特困供养、状态为在册的人数，按街镇汇总"),
        new("temporary_assistance", IndicatorCatalog.Get("assistance.temporary_cases"),
            "季度内业务办理记录中临时救助审批通过的次数：一次救助决定为一人次（同一人两次获救助计两人次，一次救助的多笔发放不重复计），按街镇汇总"),
        new("eldercare_institutions", IndicatorCatalog.Get("eldercare.institutions"),
            "季度末养老机构名册中的机构个数，按机构所在街镇汇总"),
        new("eldercare_beds", IndicatorCatalog.Get("eldercare.beds"),
            "季度末养老机构名册中各机构核定床位数之和，按机构所在街镇汇总"),
        new("social_organisations", IndicatorCatalog.Get("socorg.registered"),
            "季度末社会组织登记名册中状态为正常（未注销）的社会组织个数，按登记所在街镇汇总；未落在街镇的区级社会组织计入区合计"),
    ];

    public string Name => Indicator.NameZh;

    public string Unit => Indicator.Unit;

    public string Domain => Indicator.Domain;

    /// <summary>The catalog quantity's own aggregate per 街镇 and quarter (rows without a 街镇 keep a NULL town).</summary>
    public string Sql
    {
        get
        {
            var quantity = QuantityCatalog.Get(Indicator.Numerator);
            return $"SELECT f.quarter_key, f.town_key, f.district_code, CAST({quantity.Expression} AS BIGINT) AS value FROM {quantity.FactTable} f GROUP BY ALL";
        }
    }

    public static PublicIndicator? Find(string code) => All.FirstOrDefault(i => i.Code == code);
}
