namespace Analytics.Sources.Catalog;

public static partial class SourceCatalog
{
    /// <summary>Skill levels of the national 职业技能等级 scheme; anything but <c>none</c> counts as 持等级证.</summary>
    public static IReadOnlyList<AllowedValue> SkillLevels { get; } =
    [
        V("none", "无等级证"), V("junior", "五级/初级工"), V("intermediate", "四级/中级工"), V("senior", "三级/高级工"),
        V("technician", "二级/技师"), V("senior_technician", "一级/高级技师"),
    ];

    private static FeedSpec ElderlyCare => new(
        "eldercare", SourceSystem.ElderlyCareSupervision, "养老服务“云监管”平台",
        "Care institutions and their beds, staff with certificates, service-quality inspections, and meal-assistance counts of the 市级助餐管理平台.",
        [
            new FileSpec("eldercare", "institutions", "养老服务机构",
                "one row per institution at quarter end", ["institution_id"],
                [
                    ColumnSpec.Id("institution_id", "机构编号"), DistrictCode, TownName,
                    ColumnSpec.Text("name", "机构名称"),
                    ColumnSpec.Coded("kind", "机构类型", V("care_home", "养老机构"), V("community_care_home", "长者照护之家")),
                    ColumnSpec.Coded("ownership", "性质", V("public", "公办"), V("private", "民办")),
                    ColumnSpec.Date("opened_date", "开业日期"),
                    ColumnSpec.Flag("cloud_supervised", "纳入云监管"),
                    ColumnSpec.Count("beds_total", "核定床位", "张", Aggregation.Last),
                    ColumnSpec.Count("beds_nursing", "护理型床位", "张", Aggregation.Last),
                    ColumnSpec.Count("beds_dementia", "认知障碍照护床位", "张", Aggregation.Last),
                    ColumnSpec.Count("beds_occupied", "入住人数", "人", Aggregation.Last),
                ]) { IsSnapshot = true },
            new FileSpec("eldercare", "staff", "机构从业人员",
                "one row per staff member of an institution at quarter end", ["staff_id"],
                [
                    ColumnSpec.Id("staff_id", "人员编号"), ColumnSpec.Id("institution_id", "机构编号"), DistrictCode, TownName,
                    ColumnSpec.Text("name", "姓名"),
                    ColumnSpec.Coded("role", "岗位", V("care_worker", "养老护理员"), V("nurse", "护士"), V("manager", "管理人员"), V("other", "其他")),
                    ColumnSpec.Flag("has_certificate", "持证上岗") with { Description = "持证率 = certified staff / staff" },
                    new("skill_level", ColumnType.String, true, "职业技能等级", AllowedValues: SkillLevels,
                        Description: "持等级证率 = care workers with a level other than none / care workers"),
                    ColumnSpec.Date("hired_date", "入职日期"),
                ]) { IsSnapshot = true },
            new FileSpec("eldercare", "inspections", "服务质量监测",
                "one row per inspection of an institution", ["inspection_id"],
                [
                    ColumnSpec.Id("inspection_id", "监测编号"), ColumnSpec.Id("institution_id", "机构编号"), DistrictCode, TownName,
                    ColumnSpec.Date("inspection_date", "监测日期"),
                    ColumnSpec.Coded("kind", "监测类型", V("service_quality", "服务质量"), V("fire_safety", "消防安全"), V("food_safety", "食品安全")),
                    new("score", ColumnType.Decimal, true, "得分", "分") { Maximum = 100m },
                    ColumnSpec.Count("issues_found", "发现问题数", "个", Aggregation.Sum),
                    ColumnSpec.Flag("rectified", "已整改"),
                ]) { PeriodColumn = "inspection_date" },
            new FileSpec("eldercare", "meals", "老年助餐服务",
                "one row per meal provider per month", ["provider_id", "service_month"],
                [
                    ColumnSpec.Id("provider_id", "助餐点编号"), DistrictCode, TownName,
                    ColumnSpec.Text("provider_name", "助餐点名称"),
                    ColumnSpec.Coded("provider_kind", "类型", V("elder_canteen", "社区长者食堂"), V("meal_point", "老年助餐点")),
                    ColumnSpec.Date("service_month", "服务月份") with { Description = "first day of the month" },
                    ColumnSpec.Count("meals_served", "助餐人次", "人次", Aggregation.Sum),
                    ColumnSpec.Count("subsidised_meals", "享受就餐补贴人次", "人次", Aggregation.Sum),
                    ColumnSpec.Money("subsidy_amount", "就餐补贴金额"),
                ]) { PeriodColumn = "service_month" },
        ]);
}
