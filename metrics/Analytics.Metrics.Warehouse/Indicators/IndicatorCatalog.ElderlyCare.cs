namespace Analytics.Metrics.Warehouse.Indicators;

public static partial class IndicatorCatalog
{
    private static IEnumerable<Indicator> ElderlyCare() =>
    [
        new("eldercare.institutions", "养老机构数", "elderly-care institutions", "家", Scale, "养老服务", "eldercare.institutions",
            Public: new(5, "eldercare_institutions", "季度末养老机构名册中的机构个数，按机构所在街镇汇总")),
        new("eldercare.beds", "养老机构核定床位", "elderly-care beds", "张", Up, "养老服务", "eldercare.beds",
            Public: new(6, "eldercare_beds", "季度末养老机构名册中各机构核定床位数之和，按机构所在街镇汇总")),
        new("eldercare.beds_per_elderly", "养老床位占户籍老年人口比例", "beds per registered elderly", "%", Up, "养老服务", "eldercare.beds", "population.registered_elderly", 100m),
        new("eldercare.nursing_beds", "护理型床位数", "nursing beds", "张", Up, "养老服务", "eldercare.nursing_beds"),
        new("eldercare.nursing_bed_share", "护理型床位占比", "nursing-bed share", "%", Up, "养老服务", "eldercare.nursing_beds", "eldercare.beds", 100m),
        new("eldercare.dementia_beds", "认知障碍照护床位数", "dementia-care beds", "张", Up, "养老服务", "eldercare.dementia_beds"),
        new("eldercare.occupancy_rate", "养老床位入住率", "bed occupancy rate", "%", Up, "养老服务", "eldercare.occupied_beds", "eldercare.beds", 100m),
        new("eldercare.facility_area_per_1000", "每千名常住人口社区养老服务设施面积", "community care facility area per 1,000 residents", "平方米/千人", Up, "养老服务",
            "eldercare.community_facility_area_m2", "population.resident", 1000m),
        new("eldercare.staff", "养老服务机构从业人员数", "care-institution staff", "人", Up, "养老服务", "eldercare.staff"),
        new("eldercare.certificate_rate", "养老服务机构人员持证率", "staff certificate rate", "%", Up, "养老服务", "eldercare.certified_staff", "eldercare.staff", 100m),
        new("eldercare.skill_certificate_rate", "养老服务机构人员持等级证率", "staff skill-level certificate rate", "%", Up, "养老服务",
            "eldercare.skill_certified_staff", "eldercare.staff", 100m),
        new("eldercare.care_worker_certificate_rate", "养老护理员持证率", "care-worker certificate rate", "%", Up, "养老服务",
            "eldercare.certified_care_workers", "eldercare.care_workers", 100m),
        new("eldercare.care_worker_skill_rate", "养老护理员持等级证率", "care-worker skill-level certificate rate", "%", Up, "养老服务",
            "eldercare.skill_certified_care_workers", "eldercare.care_workers", 100m),
        new("eldercare.care_worker_senior_rate", "养老护理员中高级等级证书持证率", "care-worker intermediate-or-higher certificate rate", "%", Up, "养老服务",
            "eldercare.senior_certified_workers", "eldercare.care_workers", 100m),
        new("eldercare.cloud_supervised_rate", "养老机构纳入云监管比例", "institutions under cloud supervision", "%", Up, "养老服务",
            "eldercare.cloud_supervised", "eldercare.institutions", 100m),
        new("eldercare.meals_served", "助餐人次", "meals served", "人次", Up, "养老服务", "eldercare.meals_served", WatchChanges: true),
        new("eldercare.subsidised_meals", "老年人就餐补贴人次", "subsidised meals", "人次", Up, "养老服务", "eldercare.subsidised_meals", WatchChanges: true),
        new("eldercare.new_beds", "新增养老床位", "new beds", "张", Up, "养老服务", "eldercare.new_beds"),
        new("eldercare.new_dementia_beds", "新增（改建）认知障碍照护床位", "new dementia-care beds", "张", Up, "养老服务", "eldercare.new_dementia_beds"),
        new("eldercare.home_adaptations", "居家环境适老化改造户数", "home adaptations", "户", Up, "养老服务", "eldercare.home_adaptations"),
        new("eldercare.one_touch_new_users", "一键通新增覆盖老年人数", "new one-touch users", "人", Up, "养老服务", "eldercare.one_touch_new_users"),
    ];
}
