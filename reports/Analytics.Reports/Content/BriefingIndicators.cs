using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Reports.Content;

/// <summary>Which indicators a briefing leads with, draws as trends and compares town by town; one list per use, in one place.</summary>
public static class BriefingIndicators
{
    /// <summary>The headline figures (主要指标), one per business line, in the order the summary mentions them.</summary>
    public static IReadOnlyList<Indicator> Headlines { get; } = Get(
        "assistance.temporary_cases", "dibao.recipients", "tekun.recipients", "assistance.payment_amount",
        "hedui.submitted", "hedui.overdue_rate", "eldercare.beds", "eldercare.meals_served", "socorg.registered");

    /// <summary>The key indicators drawn as district trends.</summary>
    public static IReadOnlyList<Indicator> Trends { get; } = Get(
        "assistance.temporary_cases", "dibao.recipients", "hedui.overdue_rate", "eldercare.meals_served");

    /// <summary>The indicators a town's scorecard sets against the district median.</summary>
    public static IReadOnlyList<Indicator> TownComparison { get; } = Get(
        "assistance.temporary_cases", "dibao.recipients", "low_income.recipients", "tekun.recipients", "dibao.uninsured",
        "assistance.periodic_reviews_late", "hedui.submitted", "hedui.overdue_rate", "hedui.return_rate", "eldercare.beds",
        "eldercare.occupancy_rate", "eldercare.certificate_rate", "eldercare.meals_served", "socorg.registered", "socorg.rated_rate");

    /// <summary>How many quarters the trend charts show, ending with the period.</summary>
    public const int TrendQuarters = 8;

    private static IReadOnlyList<Indicator> Get(params string[] codes) => codes.Select(IndicatorCatalog.Get).ToList();
}
