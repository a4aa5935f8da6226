namespace Analytics.Metrics.Warehouse.Indicators;

public static partial class IndicatorCatalog
{
    /// <summary>Social affairs, children, burial, projects and the ledger's own bookkeeping.</summary>
    private static IEnumerable<Indicator> Affairs() =>
    [
        new("burial.scattered_graves_clearance_rate", "散埋乱葬整治完成率", "scattered-grave clearance rate", "%", Up, "社会事务",
            "burial.scattered_graves_cleared", "burial.scattered_graves_target", 100m),
        new("children.supervisor_training_rate", "儿童督导员培训率", "child supervisor training rate", "%", Up, "儿童福利",
            "children.supervisors_trained", "children.supervisors", 100m),
        new("children.supervisor_social_work_rate", "儿童督导员持社工证比例", "child supervisors with social-work certificate", "%", Up, "儿童福利",
            "children.supervisors_social_work_certified", "children.supervisors", 100m),
        new("projects.completion_rate", "民心工程和为民办实事完成率", "key-project completion rate", "%", Up, "综合", "projects.completed", "projects.planned", 100m),
        new("population.registered", "户籍人口", "registered population", "人", Up, "基础数据", "population.registered"),
        new("population.resident", "常住人口", "resident population", "人", Up, "基础数据", "population.resident"),
        new("population.registered_elderly", "户籍老年人口", "registered elderly population", "人", Up, "基础数据", "population.registered_elderly"),
        new("ledger.submitted", "台账报送份数", "ledgers submitted", "份", Up, "数据质量", "ledger.submitted"),
    ];
}
