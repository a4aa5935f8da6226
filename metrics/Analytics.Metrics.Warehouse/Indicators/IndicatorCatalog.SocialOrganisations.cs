namespace Analytics.Metrics.Warehouse.Indicators;

public static partial class IndicatorCatalog
{
    private static IEnumerable<Indicator> SocialOrganisations() =>
    [
        new("socorg.registered", "社会组织数", "registered social organisations", "家", Scale, "社会组织", "socorg.registered",
            Public: new(7, "social_organisations",
                "季度末社会组织登记名册中状态为正常（未注销）的社会组织个数，按登记所在街镇汇总；未落在街镇的区级社会组织计入区合计")),
        new("socorg.rated_rate", "社会组织评估等级率", "rated-organisation rate", "%", Up, "社会组织", "socorg.rated", "socorg.registered", 100m),
        new("socorg.rated_3a_plus_rate", "3A 以上等级评估率", "3A-or-higher rate", "%", Up, "社会组织", "socorg.rated_3a_plus", "socorg.registered", 100m),
        new("socorg.evaluation_participation_rate", "应评参评率", "evaluation participation rate", "%", Up, "社会组织",
            "socorg.evaluation_participants", "socorg.evaluation_eligible", 100m),
        new("socorg.inspection_rate", "年检参检率", "annual inspection rate", "%", Up, "社会组织", "socorg.inspected", "socorg.inspection_due", 100m),
        new("socorg.party_coverage_rate", "社会组织党组织覆盖率", "party-organisation coverage", "%", Up, "社会组织", "socorg.party_covered", "socorg.registered", 100m),
        new("socorg.new_registrations", "新成立社会组织数", "new registrations", "家", Up, "社会组织", "socorg.new_registrations"),
        new("socorg.cancellations", "注销社会组织数", "cancellations", "家", Down, "社会组织", "socorg.cancellations"),
    ];
}
