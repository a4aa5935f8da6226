namespace Analytics.Sources.Catalog;

public static partial class SourceCatalog
{
    /// <summary>File id of the ledger within the ledger feed; ledgers are named per town, not <c>town_quarter.csv</c>.</summary>
    public const string LedgerFileId = "town_quarter";

    private static ColumnSpec Flow(string name, string label, string unit = "例") => ColumnSpec.Count(name, label, unit, Aggregation.Sum);
    private static ColumnSpec Stock(string name, string label, string unit = "人") => ColumnSpec.Count(name, label, unit, Aggregation.Last);

    private static FeedSpec Ledger => new(
        "ledger", SourceSystem.TownLedger, "街镇季度台账",
        "Quantities that exist only in the towns' ledgers. One spreadsheet per town per quarter (.xlsx, or .csv in UTF-8 or GB18030); "
        + "row 1 holds the Chinese labels, row 2 the column codes below, row 3 the values.",
        [
            new FileSpec("ledger", LedgerFileId, "街镇季度台账", "one row per town per quarter", ["district_code", "town_name", "quarter"],
            [
                DistrictCode, TownName,
                new("quarter", ColumnType.Quarter, true, "季度"),
                ColumnSpec.Date("submitted_date", "报送日期"),
                ColumnSpec.Text("filled_by", "填报人"),
                // 长宁 2023 社会救助绩效评价: staffing, trainings and spot-check findings.
                Stock("staff_assistance_workers", "社会救助工作人员数"),
                Flow("trainings_held", "业务培训场次", "场"),
                Flow("violations_review_process", "违反受理审核审批流程例数"),
                Flow("violations_periodic_review", "未按规定定期复审例数"),
                Flow("violations_tekun_review", "特困复审/照护评估不规范例数"),
                Flow("violations_temp_assistance", "临时救助认定操作有误例数"),
                Flow("violations_medical_assistance", "医疗救助不及时不可及例数"),
                Flow("violations_four_medical_list", "四医联动名单核定错误例数"),
                Flow("violations_employment_assistance", "就业困难人员认定不及时例数"),
                Flow("violations_improper_inclusion", "抽查发现不符合条件纳入救助例数"),
                Flow("violations_exit_followup", "退出对象未按规定回访例数"),
                Flow("violations_publicity", "公示不规范例数"),
                Flow("violations_vagrant_assistance", "流浪乞讨救助不到位例数"),
                Flow("disaster_reports", "报灾次数", "次"),
                new("disaster_max_report_delay_hours", ColumnType.Decimal, false, "最长报灾时长", "小时",
                    Aggregation: Aggregation.Max, Description: "hours from the disaster to the report; empty when no disaster"),
                Flow("help_excellent_cases", "上报综合帮扶优秀案例数", "例"),
                Flow("deduct_misconduct_cases", "人情保关系保漏保及挪用资金等违规例数"),
                Flow("deduct_care_injuries", "分散供养特困照料不到位致人身伤害例数"),
                Flow("deduct_care_deaths", "分散供养特困照料不到位致死亡例数"),
                Flow("veto_criminal_case", "社会救助刑事案件或严重事件数", "件"),
                Stock("dibao_recipients_reported", "台账低保在册人数") with
                {
                    Description = "must equal the system's active dibao recipients at quarter end (系统数据与台账一致)",
                },
                // 青浦 2024 综合评估.
                Stock("burial_scattered_graves_target", "散埋乱葬整治任务数", "座"),
                Stock("burial_scattered_graves_cleared", "散埋乱葬已完成整治数（年内累计）", "座"),
                Stock("children_supervisors", "儿童督导员和儿童主任人数"),
                Stock("children_supervisors_trained", "已参加培训的儿童督导员和儿童主任人数"),
                Stock("children_supervisors_social_work_certified", "持社会工作者证书的儿童督导员和儿童主任人数"),
                Flow("highlights_count", "亮点工作数", "项"),
                new("eldercare_community_facility_area_m2", ColumnType.Decimal, true, "社区养老服务设施面积", "平方米", Aggregation: Aggregation.Last),
                Stock("projects_planned", "下达的民心工程和为民办实事项目数", "个"),
                Stock("projects_completed", "已完成的民心工程和为民办实事项目数（年内累计）", "个"),
                Stock("assistance_advisor_offices", "社区救助顾问实体工作室数", "个"),
                Flow("assistance_outreach_sweeps", "困难群体大排查行动次数", "次"),
                Flow("assistance_service_record_months", "在社区云做了服务记录的月份数", "个月"),
                Flow("assistance_excellent_cases", "推荐的社会救助优秀案例数", "个"),
                Flow("survey_staff_sampled", "政策知晓度抽样调查的基层工作人员数"),
                Flow("survey_staff_aware", "抽样中知晓社会救助政策的基层工作人员数"),
                Flow("survey_recipients_sampled", "满意度抽样调查的救助对象数"),
                Flow("survey_recipients_satisfied", "抽样中对社会救助工作满意的救助对象数"),
                Stock("socorg_party_covered", "党组织覆盖的社会组织数", "家"),
                Flow("charity_award_nominations", "推荐上海慈善奖候选对象数", "个"),
                Flow("problems_petitions_beijing", "服务对象进京上访数", "例"),
                Flow("problems_integrity_violations", "违反党风廉政有关规定数", "例"),
                Flow("problems_safety_accidents", "重大安全生产责任事故数", "例"),
                Flow("problems_media_exposure", "被主流媒体曝光批评或产生严重舆情数", "例"),
                Flow("problems_oversight_findings", "被巡视审计纪检财政等部门指出的问题数", "个"),
                Flow("special_elderly_visits", "特殊困难老年人探访关爱人次", "人次"),
                // 松江 2024 考核: quarterly work items with a countable trace.
                Flow("minors_incidents_reported", "未成年人突发事件上报处置数", "件"),
                Flow("assistive_device_rentals", "康复辅具租赁办件量", "件"),
                Stock("mental_rehab_pilot", "精神障碍社区康复试点（1=是）", "个"),
                Flow("boundary_inspections", "界线界桩自查次数", "次"),
                Flow("boundary_issues_resolved", "界桩问题处置数", "个"),
                ColumnSpec.Money("charity_donations", "慈善募捐金额") with { Aggregation = Aggregation.Sum },
                Flow("illegal_org_reports", "非法社会组织线索上报数", "条"),
                Flow("honours_district_or_above", "区级以上荣誉数", "项"),
                // 普陀 2024 工作要点 targets: new within the quarter (the year is the sum).
                Flow("eldercare_new_beds", "新增养老床位", "张"),
                Flow("eldercare_new_dementia_beds", "新增（改建）认知障碍照护床位", "张"),
                Flow("eldercare_home_adaptations", "居家环境适老化改造户数", "户"),
                Flow("eldercare_one_touch_new_users", "为老服务一键通新增覆盖老年人数", "人"),
                Flow("eldercare_smart_water_meters", "特殊困难老年人智能水表安装户数", "户"),
                Flow("eldercare_home_care_beds", "家庭照护床位新增服务户数", "户"),
                Flow("eldercare_new_canteens", "新增社区长者食堂", "家"),
                Flow("eldercare_new_service_centres", "新建社区综合为老服务中心", "家"),
                Flow("eldercare_new_doorstep_stations", "新建家门口养老服务站", "个"),
                Flow("eldercare_new_smart_homes", "新增智慧养老院", "家"),
                Flow("eldercare_new_internet_hospital_homes", "新增养老院+互联网医院", "家"),
                Stock("assistance_advisor_stations", "已建成功能型+枢纽型救助顾问服务站（1=是）", "个"),
            ]),
        ]);
}
