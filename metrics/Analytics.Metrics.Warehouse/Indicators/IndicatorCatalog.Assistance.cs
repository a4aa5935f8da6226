namespace Analytics.Metrics.Warehouse.Indicators;

public static partial class IndicatorCatalog
{
    private static IEnumerable<Indicator> Assistance() =>
    [
        new("assistance.temporary_cases", "临时救助人次", "temporary assistance cases", "人次", Scale, "社会救助", "assistance.temporary_cases", WatchChanges: true),
        new("assistance.expenditure_poverty_cases", "支出型贫困救助人次", "expenditure-type poverty assistance cases", "人次", Scale, "社会救助",
            "assistance.expenditure_poverty_cases", WatchChanges: true),
        new("assistance.festival_relief_cases", "帮困送温暖人次", "festival relief cases", "人次", Scale, "社会救助", "assistance.festival_relief_cases"),
        new("assistance.payment_amount", "救助金发放金额", "assistance paid", "元", Scale, "社会救助", "assistance.payment_amount"),
        new("dibao.recipients", "低保在册人数", "minimum living allowance recipients", "人", Scale, "社会救助", "dibao.recipients"),
        new("low_income.recipients", "低收入在册人数", "low-income recipients", "人", Scale, "社会救助", "low_income.recipients"),
        new("tekun.recipients", "特困供养人数", "extreme-poverty support recipients", "人", Scale, "社会救助", "tekun.recipients"),
        new("severe_disability.recipients", "重残无业人数", "severely disabled unemployed recipients", "人", Scale, "社会救助", "severe_disability.recipients"),
        new("dibao.uninsured", "低保对象未参保人数", "uninsured dibao recipients", "例", Down, "社会救助", "dibao.uninsured"),
        new("dibao.recipients_reported", "台账低保在册人数", "dibao recipients reported in the ledger", "人", Scale, "社会救助", "dibao.recipients_reported"),
        new("assistance.periodic_reviews_late", "定期复审超时例数", "late periodic reviews", "例", Down, "社会救助", "assistance.periodic_reviews_late"),
        new("assistance.follow_ups_late", "退出回访超时例数", "late exit follow-ups", "例", Down, "社会救助", "assistance.follow_ups_late"),
        new("staff.assistance_workers_per_10k", "每万名户籍人口社会救助工作人员数", "assistance workers per 10,000 registered residents", "人/万人", Up, "社会救助",
            "staff.assistance_workers", "population.registered", 10000m),
    ];
}
