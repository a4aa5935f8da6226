namespace Analytics.Metrics.Warehouse.Indicators;

public static partial class IndicatorCatalog
{
    private static IEnumerable<Indicator> Assistance() =>
    [
        new("assistance.temporary_cases", "临时救助人次", "temporary assistance cases", "人次", Scale, "社会救助", "assistance.temporary_cases", WatchChanges: true,
            Public: new(4, "temporary_assistance",
                "季度内业务办理记录中临时救助审批通过的次数：一次救助决定为一人次（同一人两次获救助计两人次，一次救助的多笔发放不重复计），按街镇汇总")),
        new("assistance.expenditure_poverty_cases", "支出型贫困救助人次", "expenditure-type poverty assistance cases", "人次", Scale, "社会救助",
            "assistance.expenditure_poverty_cases", WatchChanges: true),
        new("assistance.festival_relief_cases", "帮困送温暖人次", "festival relief cases", "人次", Scale, "社会救助", "assistance.festival_relief_cases"),
        new("assistance.payment_amount", "救助金发放金额", "assistance paid", "元", Scale, "社会救助", "assistance.payment_amount"),
        new("dibao.recipients", "低保在册人数", "minimum living allowance recipients", "人", Scale, "社会救助", "dibao.recipients",
            Public: new(1, "dibao", "季度末救助对象名册中救助类别为低保、状态为在册的人数，按救助对象所在街镇汇总")),
        new("low_income.recipients", "低收入在册人数", "low-income recipients", "人", Scale, "社会救助", "low_income.recipients",
            Public: new(2, "low_income", "季度末救助对象名册中救助类别为低收入、状态为在册的人数，按街镇汇总")),
        new("tekun.recipients", "特困供养人数", "extreme-poverty support recipients", "人", Scale, "社会救助", "tekun.recipients",
            Public: new(3, "tekun", "季度末救助对象名册中救助类别为特困供养、状态为在册的人数，按街镇汇总")),
        new("severe_disability.recipients", "重残无业人数", "severely disabled unemployed recipients", "人", Scale, "社会救助", "severe_disability.recipients"),
        new("dibao.uninsured", "低保对象未参保人数", "uninsured dibao recipients", "例", Down, "社会救助", "dibao.uninsured"),
        new("dibao.recipients_reported", "台账低保在册人数", "dibao recipients reported in the ledger", "人", Scale, "社会救助", "dibao.recipients_reported"),
        new("assistance.periodic_reviews_late", "定期复审超时例数", "late periodic reviews", "例", Down, "社会救助", "assistance.periodic_reviews_late"),
        new("assistance.follow_ups_late", "退出回访超时例数", "late exit follow-ups", "例", Down, "社会救助", "assistance.follow_ups_late"),
        new("staff.assistance_workers_per_10k", "每万名户籍人口社会救助工作人员数", "assistance workers per 10,000 registered residents", "人/万人", Up, "社会救助",
            "staff.assistance_workers", "population.registered", 10000m),
    ];
}
