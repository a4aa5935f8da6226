namespace Analytics.Sources.Catalog;

public static partial class SourceCatalog
{
    /// <summary>Business types of the 核对 system; the 长宁 rubric scores them separately.</summary>
    public static IReadOnlyList<AllowedValue> VerificationBusinessTypes { get; } =
    [
        V("civil_assistance", "民政救助类"), V("housing_security", "住房保障类"),
    ];

    private static FeedSpec Verification => new(
        "verification", SourceSystem.MeansVerification, "居民经济状况核对系统",
        "Household means-verification requests (核对委托) with their deadlines and city-level returns, and the towns' verifiers.",
        [
            new FileSpec("verification", "requests", "核对委托",
                "one row per verification request (one 户次) received in the quarter, status at extraction (15 days after quarter end)",
                ["request_id"],
                [
                    ColumnSpec.Id("request_id", "委托编号"), DistrictCode, TownName,
                    new("business_type", ColumnType.String, true, "业务类型", AllowedValues: VerificationBusinessTypes),
                    ColumnSpec.Count("households", "户次", "户次") with { Minimum = 1 },
                    ColumnSpec.Date("received_date", "受理日期"),
                    ColumnSpec.Date("deadline_date", "办结时限"),
                    ColumnSpec.Date("finished_date", "办结日期", required: false) with
                    {
                        Description = "empty when not finished at extraction; overdue when finished_date > deadline_date, or empty and deadline_date on or before the last day of the quarter; only finished requests count as 办结; 超期率 = overdue / (finished + open and overdue)",
                    },
                    ColumnSpec.Flag("materials_complete", "申请材料完整有效") with { Description = "false counts towards hedui.incomplete_applications" },
                    ColumnSpec.Flag("returned_by_city", "市级退回") with { Description = "退回率 = returned / requests, per business type" },
                    ColumnSpec.Text("return_reason", "退回原因", required: false),
                ]) { PeriodColumn = "received_date" },
            new FileSpec("verification", "verifiers", "核对员",
                "one row per verifier of a town at quarter end", ["verifier_id"],
                [
                    ColumnSpec.Id("verifier_id", "核对员编号"), DistrictCode, TownName,
                    ColumnSpec.Text("name", "姓名"),
                    ColumnSpec.Flag("in_post", "在岗"),
                    ColumnSpec.Flag("certified", "持证"),
                    ColumnSpec.Flag("trained", "受培训"),
                    ColumnSpec.Flag("training_required", "应参加继续教育"),
                    ColumnSpec.Flag("training_attended", "已参加继续教育"),
                ]) { IsSnapshot = true },
        ]);
}
