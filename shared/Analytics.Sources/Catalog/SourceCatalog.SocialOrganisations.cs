namespace Analytics.Sources.Catalog;

public static partial class SourceCatalog
{
    /// <summary>Evaluation grades 1A–5A (评估等级).</summary>
    public static IReadOnlyList<AllowedValue> EvaluationGrades { get; } =
    [
        V("1A", "1A"), V("2A", "2A"), V("3A", "3A"), V("4A", "4A"), V("5A", "5A"),
    ];

    private static FeedSpec SocialOrganisations => new(
        "socialorg", SourceSystem.SocialOrganisationRegistry, "社会组织登记管理系统",
        "Registered social organisations with registration, cancellation and evaluation grade, and the annual inspections (年检).",
        [
            new FileSpec("socialorg", "organisations", "社会组织",
                "one row per organisation registered at quarter end, plus those cancelled during the quarter", ["org_id"],
                [
                    ColumnSpec.Id("org_id", "统一社会信用代码"), DistrictCode, TownNameOrDistrictLevel,
                    ColumnSpec.Text("name", "名称"),
                    ColumnSpec.Coded("org_type", "类型", V("social_group", "社会团体"), V("social_service_agency", "社会服务机构"), V("foundation", "基金会")),
                    ColumnSpec.Date("registered_date", "成立登记日期"),
                    ColumnSpec.Date("cancelled_date", "注销日期", required: false),
                    ColumnSpec.Coded("status", "状态", V("active", "正常"), V("cancelled", "已注销")),
                    ColumnSpec.Flag("evaluation_due", "应参加等级评估") with { Description = "业务主管 organisations due for evaluation (应评)" },
                    ColumnSpec.Flag("evaluation_participated", "已参加等级评估") with { Description = "参评 in the current cycle; 应评参评率 = participated / due" },
                    new("evaluation_grade", ColumnType.String, false, "评估等级", AllowedValues: EvaluationGrades,
                        Description: "empty when never rated or the grade expired (5 years)"),
                    new("evaluation_year", ColumnType.Int, false, "评估年度", "年") { Minimum = 2000 },
                ]) { IsSnapshot = true },
            new FileSpec("socialorg", "inspections", "年度检查",
                "one row per organisation due for annual inspection in a year; the whole year is in its Q2 file (deadline 5-31), other quarters are empty",
                ["org_id", "inspection_year"],
                [
                    ColumnSpec.Id("org_id", "统一社会信用代码"), DistrictCode, TownNameOrDistrictLevel,
                    ColumnSpec.Coded("org_type", "类型", V("social_group", "社会团体"), V("social_service_agency", "社会服务机构"), V("foundation", "基金会")),
                    new("inspection_year", ColumnType.Int, true, "年检年度", "年") { Minimum = 2000 },
                    ColumnSpec.Flag("submitted", "已参检"),
                    ColumnSpec.Date("submitted_date", "参检日期", required: false),
                    new("result", ColumnType.String, false, "年检结论",
                        AllowedValues: [V("qualified", "合格"), V("basically_qualified", "基本合格"), V("unqualified", "不合格")]),
                ]),
        ]);
}
