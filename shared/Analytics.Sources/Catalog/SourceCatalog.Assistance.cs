namespace Analytics.Sources.Catalog;

public static partial class SourceCatalog
{
    /// <summary>Assistance categories (救助类别) of the 社会救助信息系统.</summary>
    public static IReadOnlyList<AllowedValue> AssistanceCategories { get; } =
    [
        V("dibao", "低保"), V("low_income", "低收入"), V("tekun", "特困供养"),
        V("expenditure_poverty", "支出型贫困"), V("temporary_assistance", "临时救助"),
        V("severe_disability", "重残无业"), V("hardship_relief", "帮困送温暖对象"),
    ];

    /// <summary>Payment types; <c>festival_relief</c> is the one-off 元旦春节帮困送温暖 payment in Q1.</summary>
    public static IReadOnlyList<AllowedValue> PaymentTypes { get; } =
    [
        V("monthly", "按月救助金"), V("festival_relief", "元旦春节帮困送温暖"), V("one_off", "一次性救助"),
    ];

    /// <summary>Case events the rubrics count.</summary>
    public static IReadOnlyList<AllowedValue> CaseEventTypes { get; } =
    [
        V("application", "申请受理"), V("review", "审核"), V("approval", "审批通过"), V("rejection", "不予救助"),
        V("periodic_review", "定期复审"), V("exit", "退出"), V("follow_up_visit", "退出回访"),
    ];

    /// <summary>The largest single assistance payment accepted, in 元.</summary>
    public const decimal PaymentCeiling = 200_000m;

    private static FeedSpec Assistance => new(
        "assistance", SourceSystem.SocialAssistance, "社会救助信息系统",
        "Recipients, payments and case events of 低保, 低收入, 特困供养, 支出型贫困, 临时救助, 重残无业 and 帮困送温暖.",
        [
            new FileSpec("assistance", "recipients", "救助对象",
                "one row per recipient active at any time in the quarter (quarter-end status)", ["recipient_id"],
                [
                    ColumnSpec.Id("recipient_id", "对象编号"), DistrictCode, TownName,
                    new("category", ColumnType.String, true, "救助类别", AllowedValues: AssistanceCategories),
                    ColumnSpec.Text("name", "姓名"),
                    new("citizen_id", ColumnType.CitizenId, true, "身份证号"),
                    ColumnSpec.Id("household_id", "家庭编号"),
                    ColumnSpec.Count("household_size", "家庭人口", "人") with { Minimum = 1 },
                    ColumnSpec.Date("start_date", "救助起始日期"),
                    ColumnSpec.Date("end_date", "救助终止日期", required: false),
                    ColumnSpec.Coded("status", "季末状态", V("active", "在册"), V("exited", "已退出")),
                    new("medical_insured", ColumnType.Bool, true, "已参加医保", Description: "资助参保; dibao recipients should all be true"),
                    new("support_mode", ColumnType.String, false, "供养方式",
                        AllowedValues: [V("dispersed", "分散供养"), V("centralised", "集中供养")],
                        Description: "tekun only; empty for other categories"),
                ]) { IsSnapshot = true },
            new FileSpec("assistance", "payments", "救助金发放明细",
                "one row per payment to one recipient", ["payment_id"],
                [
                    ColumnSpec.Id("payment_id", "发放流水号"), ColumnSpec.Id("recipient_id", "对象编号"), DistrictCode, TownName,
                    new("category", ColumnType.String, true, "救助类别", AllowedValues: AssistanceCategories),
                    new("payment_type", ColumnType.String, true, "发放类型", AllowedValues: PaymentTypes),
                    ColumnSpec.Date("pay_month", "发放月份") with { Description = "first day of the month paid for" },
                    // The ceiling: a month of 特困 support or a 临时救助 grant is thousands of 元; a million is a typing error.
                    ColumnSpec.Money("amount", "金额") with { Minimum = 0.01m, Maximum = PaymentCeiling },
                ]) { PeriodColumn = "pay_month" },
            new FileSpec("assistance", "case_events", "救助业务办理记录",
                "one row per case event", ["event_id"],
                [
                    ColumnSpec.Id("event_id", "事项编号"), ColumnSpec.Id("recipient_id", "对象编号"), DistrictCode, TownName,
                    new("category", ColumnType.String, true, "救助类别", AllowedValues: AssistanceCategories),
                    new("event_type", ColumnType.String, true, "事项类型", AllowedValues: CaseEventTypes,
                        Description: "approval is the assistance decision: for temporary_assistance and expenditure_poverty one approval is one 人次, whatever payments follow"),
                    ColumnSpec.Date("event_date", "办理日期"),
                    ColumnSpec.Date("due_date", "规定时限", required: false) with
                    {
                        YearsBeforeQuarter = 2,
                        Description = "deadline for periodic_review and follow_up_visit; the event is late when event_date > due_date",
                    },
                ]) { PeriodColumn = "event_date" },
        ]);
}
